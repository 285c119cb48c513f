package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** GET_BROKER_CONSUME_STATS (317) request. */
public class GetConsumeStatsInBrokerHeader implements CommandCustomHeader {

    @Required
    private boolean isOrder;

    public boolean isOrder() {
        return isOrder;
    }

    public void setOrder(boolean isOrder) {
        this.isOrder = isOrder;
    }
}
