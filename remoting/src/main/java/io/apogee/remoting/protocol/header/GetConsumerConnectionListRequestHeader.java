package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** GET_CONSUMER_CONNECTION_LIST (203) request. */
public class GetConsumerConnectionListRequestHeader implements CommandCustomHeader {

    @Required
    private String consumerGroup;

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }
}
