package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** GET_CONSUME_STATS (208) request; a blank topic means every topic the group has offsets for. */
public class GetConsumeStatsRequestHeader implements CommandCustomHeader {

    @Required
    private String consumerGroup;
    private String topic;

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
