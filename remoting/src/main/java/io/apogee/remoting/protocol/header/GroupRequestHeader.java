package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/**
 * The header of RocketMQ 5 requests that name one group: QUERY_TOPICS_BY_CONSUMER (343) and
 * GET_SUBSCRIPTIONGROUP_CONFIG (352).
 */
public class GroupRequestHeader implements CommandCustomHeader {

    @Required
    private String group;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }
}
