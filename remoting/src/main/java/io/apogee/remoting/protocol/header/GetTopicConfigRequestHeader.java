package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.Required;

/**
 * GET_TOPIC_CONFIG (351) request, sent by RocketMQ 5.x admin clients before topic and consume stats. 5.x also sends
 * {@code lo} (static-topic logic queues), which we do not have and ignore.
 */
public class GetTopicConfigRequestHeader extends RpcRequestHeader {

    @Required
    private String topic;

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
