package io.apogee.interop.client;

import java.util.List;

/**
 * A NameServer with two brokers ({@link #BROKERS}) that client tests run against; Apache's servers or ours. Brokers
 * and the NameServer can be stopped and restarted in place, on the same ports and stores.
 */
interface TestCluster extends AutoCloseable {

    /** The broker names every test cluster has, one master each. */
    List<String> BROKERS = List.of("broker-a", "broker-b");

    String namesrvAddr();

    String brokerAddr(String brokerName);

    void stopBroker(String brokerName);

    void startBroker(String brokerName);

    void stopNamesrv();

    void startNamesrv();

    @Override
    void close();
}
