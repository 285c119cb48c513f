package io.apogee.remoting.protocol.body;

import java.util.Set;

/**
 * A set of topic names, the body of the topic-list requests.
 *
 * @param brokerAddr one broker's address, set only by GET_SYSTEM_TOPIC_LIST_FROM_NS; otherwise {@code null}
 */
public record TopicList(Set<String> topicList, String brokerAddr) {

    public TopicList(Set<String> topicList) {
        this(topicList, null);
    }
}
