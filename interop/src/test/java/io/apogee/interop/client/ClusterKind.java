package io.apogee.interop.client;

import java.util.function.Supplier;

/**
 * The server implementations client tests run against; each parameterised client test runs once per constant.
 * Adding servers is one constant whose supplier starts them.
 */
enum ClusterKind {
    APACHE(ApacheTestCluster::new),
    APOGEE(ApogeeTestCluster::new);

    private final Supplier<TestCluster> starter;

    ClusterKind(Supplier<TestCluster> starter) {
        this.starter = starter;
    }

    TestCluster start() {
        return starter.get();
    }
}
