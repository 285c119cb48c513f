package io.apogee.interop.client;

import io.apogee.interop.fixture.ApacheCluster;

/** Apache RocketMQ 4.9.7's NameServer and brokers as a {@link TestCluster}. */
final class ApacheTestCluster implements TestCluster {

    private final ApacheCluster cluster = ApacheCluster.builder()
            .brokers(BROKERS.toArray(new String[0]))
            .start();

    @Override
    public String namesrvAddr() {
        return cluster.namesrvAddr();
    }

    @Override
    public String brokerAddr(String brokerName) {
        return cluster.brokerAddr(brokerName);
    }

    @Override
    public void stopBroker(String brokerName) {
        cluster.stopBroker(brokerName);
    }

    @Override
    public void startBroker(String brokerName) {
        cluster.startBroker(brokerName);
    }

    @Override
    public void stopNamesrv() {
        cluster.stopNamesrv();
    }

    @Override
    public void startNamesrv() {
        cluster.startNamesrv();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
