package io.apogee.remoting.protocol.header.namesrv;

/** WIPE_WRITE_PERM_OF_BROKER (205): clears the write permission of every topic queue of a broker name. */
public final class WipeWritePermOfBrokerRequestHeader extends BrokerNameHeader {

    public WipeWritePermOfBrokerRequestHeader() {
    }

    public WipeWritePermOfBrokerRequestHeader(String brokerName) {
        super(brokerName);
    }
}
