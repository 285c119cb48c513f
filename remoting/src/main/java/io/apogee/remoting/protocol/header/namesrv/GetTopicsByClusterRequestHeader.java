package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** GET_TOPICS_BY_CLUSTER (224): topics with a queue on any broker of the cluster. */
public final class GetTopicsByClusterRequestHeader implements CommandCustomHeader {

    @Required
    private String cluster;

    public GetTopicsByClusterRequestHeader() {
    }

    public GetTopicsByClusterRequestHeader(String cluster) {
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }
}
