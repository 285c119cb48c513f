package io.apogee.interop.semantics;

import io.apogee.testsupport.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * Our broker with RocketMQ's default {@code messageDelayLevel}: level 2 waits at least 5 s (Apache's broker is
 * checked with the same defaults in {@link ConsumptionSemanticsTest}).
 */
class ApogeeDefaultDelayLevelsTest {

    @Test
    void levelTwoOfTheDefaultLevelsDeliversAfterFiveSecondsAndNeverBefore() throws Exception {
        try (TestCluster cluster = TestCluster.builder().clusterName("DefaultLevels").brokers(Brokers.BROKER).start()) {
            ConsumptionSemanticsTest.assertDelayedDelivery(cluster, 2, 5_000, false);
        }
    }
}
