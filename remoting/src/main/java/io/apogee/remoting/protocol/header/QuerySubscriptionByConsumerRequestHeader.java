package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** QUERY_SUBSCRIPTION_BY_CONSUMER (345, RocketMQ 5) request: one group's subscription to one topic. */
public class QuerySubscriptionByConsumerRequestHeader implements CommandCustomHeader {

    @Required
    private String group;
    @Required
    private String topic;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
