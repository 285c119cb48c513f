package io.apogee.interop.semantics;

import io.apogee.interop.fixture.ApogeeCluster;
import org.junit.jupiter.api.Test;

/**
 * Our broker with RocketMQ's default {@code messageDelayLevel}: level 2 waits at least 5 s (Apache's broker is
 * checked with the same defaults in {@link ConsumptionSemanticsTest}).
 */
class ApogeeDefaultDelayLevelsTest {

    @Test
    void levelTwoOfTheDefaultLevelsDeliversAfterFiveSecondsAndNeverBefore() throws Exception {
        try (ApogeeCluster cluster = ApogeeCluster.builder().clusterName("DefaultLevels").start()) {
            Brokers.Running servers = new Brokers.Running(cluster.namesrvAddr(), cluster.brokerAddr(Brokers.BROKER),
                    () -> { }, () -> { });
            ConsumptionSemanticsTest.assertDelayedDelivery(servers, 2, 5_000, false);
        }
    }
}
