package io.apogee.remoting.protocol.header.namesrv;

/**
 * UNREGISTER_BROKER (104): a broker leaving on a graceful shutdown (RocketMQ's {@code UnRegisterBrokerRequestHeader}).
 */
public final class UnregisterBrokerRequestHeader extends BrokerIdentityHeader {

    public UnregisterBrokerRequestHeader() {
    }

    public UnregisterBrokerRequestHeader(String clusterName, String brokerName, long brokerId, String brokerAddr) {
        super(clusterName, brokerName, brokerId, brokerAddr);
    }
}
