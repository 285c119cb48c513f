package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** The four keys that name one broker process to the NameServer; shared by the requests that carry exactly them. */
public abstract class BrokerIdentityHeader implements CommandCustomHeader {

    @Required
    private String brokerName;
    @Required
    private String brokerAddr;
    @Required
    private String clusterName;
    /** 0 = master, anything else = slave. */
    @Required
    private Long brokerId;

    protected BrokerIdentityHeader() {
    }

    protected BrokerIdentityHeader(String clusterName, String brokerName, long brokerId, String brokerAddr) {
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.brokerId = brokerId;
        this.brokerAddr = brokerAddr;
    }

    public String brokerName() {
        return brokerName;
    }

    public String brokerAddr() {
        return brokerAddr;
    }

    public String clusterName() {
        return clusterName;
    }

    public long brokerId() {
        return brokerId;
    }
}
