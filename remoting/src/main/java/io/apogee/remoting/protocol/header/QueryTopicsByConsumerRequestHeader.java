package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** QUERY_TOPICS_BY_CONSUMER (343, RocketMQ 5) request. */
public class QueryTopicsByConsumerRequestHeader implements CommandCustomHeader {

    @Required
    private String group;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }
}
