package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/**
 * DELETE_TOPIC_IN_NAMESRV (216): with {@code clusterName}, removes only that cluster's queues of the topic;
 * without, the whole route.
 */
public final class DeleteTopicFromNamesrvRequestHeader implements CommandCustomHeader {

    @Required
    private String topic;
    private String clusterName;

    public DeleteTopicFromNamesrvRequestHeader() {
    }

    public DeleteTopicFromNamesrvRequestHeader(String topic, String clusterName) {
        this.topic = topic;
        this.clusterName = clusterName;
    }

    public String topic() {
        return topic;
    }

    /** The cluster to remove the topic from, or {@code null} for every cluster. */
    public String clusterName() {
        return clusterName;
    }
}
