package io.apogee.remoting.protocol.header.namesrv;

/** ADD_WRITE_PERM_OF_BROKER (327): gives every topic queue of a broker name read and write permission. */
public final class AddWritePermOfBrokerRequestHeader extends BrokerNameHeader {

    public AddWritePermOfBrokerRequestHeader() {
    }

    public AddWritePermOfBrokerRequestHeader(String brokerName) {
        super(brokerName);
    }
}
