package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** NOTIFY_CONSUMER_IDS_CHANGED (40), broker to consumer, oneway. */
public class NotifyConsumerIdsChangedRequestHeader implements CommandCustomHeader {

    @Required
    private String consumerGroup;

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }
}
