package io.apogee.remoting.protocol.body;

import io.apogee.common.topic.TopicConfig;
import java.util.Map;

/**
 * A broker's topics with their version: part of REGISTER_BROKER's body and GET_ALL_TOPIC_CONFIG's answer.
 *
 * @param topicConfigTable topic name to its config
 */
public record TopicConfigSerializeWrapper(Map<String, TopicConfig> topicConfigTable, DataVersion dataVersion) {
}
