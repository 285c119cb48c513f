package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.Required;

/**
 * REGISTER_BROKER (103): who the broker is and where its slaves replicate from. The body is a
 * {@link io.apogee.remoting.protocol.body.RegisterBrokerBody}, zlib-compressed when {@code compressed} is true;
 * {@code bodyCrc32}, when non-zero, is the CRC32 of the body bytes as sent, masked to 31 bits.
 */
public final class RegisterBrokerRequestHeader extends BrokerIdentityHeader {

    /** {@code brokerIP2:haListenPort}. */
    @Required
    private String haServerAddr;
    private boolean compressed;
    private Integer bodyCrc32 = 0;

    public RegisterBrokerRequestHeader() {
    }

    public RegisterBrokerRequestHeader(String clusterName, String brokerName, long brokerId, String brokerAddr,
            String haServerAddr) {
        super(clusterName, brokerName, brokerId, brokerAddr);
        this.haServerAddr = haServerAddr;
    }

    public String haServerAddr() {
        return haServerAddr;
    }

    public boolean compressed() {
        return compressed;
    }

    /** The body's masked CRC32, or 0 when the sender did not compute one. */
    public int bodyCrc32() {
        return bodyCrc32 == null ? 0 : bodyCrc32;
    }

    /** Sets how the body is sent: compressed or not, and its masked CRC32 (0 = none). */
    public RegisterBrokerRequestHeader body(boolean compressed, int bodyCrc32) {
        this.compressed = compressed;
        this.bodyCrc32 = bodyCrc32;
        return this;
    }
}
