package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** A request about every broker of one broker name (master and slaves). */
public abstract class BrokerNameHeader implements CommandCustomHeader {

    @Required
    private String brokerName;

    protected BrokerNameHeader() {
    }

    protected BrokerNameHeader(String brokerName) {
        this.brokerName = brokerName;
    }

    public String brokerName() {
        return brokerName;
    }
}
