package io.apogee.interop.client;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The server implementations client tests run against; each parameterised client test runs once per constant.
 * Adding servers is one constant whose supplier starts them. Features a server does not offer yet are listed as
 * gaps: tests that need one are skipped (not failed) there, and become live when the gap is removed.
 */
enum ClusterKind {
    APACHE(ApacheTestCluster::new, Set.of()),
    APOGEE(ApogeeTestCluster::new, Set.of(Feature.ORDER_LOCKS, Feature.TRANSACTIONS));

    /** Server features some client tests need. */
    enum Feature {
        /** LOCK_BATCH_MQ / UNLOCK_BATCH_MQ, for orderly consumption. */
        ORDER_LOCKS,
        /** Half messages, END_TRANSACTION and check-backs. */
        TRANSACTIONS
    }

    private final Supplier<TestCluster> starter;
    private final Set<Feature> gaps;

    ClusterKind(Supplier<TestCluster> starter, Set<Feature> gaps) {
        this.starter = starter;
        this.gaps = gaps;
    }

    TestCluster start() {
        return starter.get();
    }

    /** Skips the calling test when this server lacks {@code feature}. */
    void assumeSupports(Feature feature) {
        assumeFalse(gaps.contains(feature), () -> name() + " does not support " + feature + " yet");
    }
}
