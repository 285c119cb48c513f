package io.apogee.interop.client;

import io.apogee.interop.fixture.ApogeeCluster;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Our own NameServer and brokers as a {@link TestCluster}. */
final class ApogeeTestCluster implements TestCluster {

    private final ApogeeCluster cluster;

    ApogeeTestCluster() {
        try {
            cluster = ApogeeCluster.builder().brokers(BROKERS.toArray(new String[0]))
                    .brokerProperty("transactionTimeOut", "1000")
                    .brokerProperty("transactionCheckInterval", "2000")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
        cluster.stopNamesrvs();
    }

    @Override
    public void startNamesrv() {
        cluster.startNamesrvs();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
