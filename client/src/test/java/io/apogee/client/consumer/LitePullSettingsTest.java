package io.apogee.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.testsupport.TestCluster;
import org.junit.jupiter.api.Test;

/** DefaultLitePullConsumer's flow-control settings carry RocketMQ 4.9.8's names and defaults. */
class LitePullSettingsTest {

    @Test
    void defaultsAreRocketMqsAndRunningFollowsStartAndShutdown() throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("lite-settings");
        assertEquals(10_000L, consumer.getPullThresholdForAll());
        assertEquals(1_000, consumer.getPullThresholdForQueue());
        assertEquals(100, consumer.getPullThresholdSizeForQueue());
        assertEquals(2_000, consumer.getConsumeMaxSpan());
        assertEquals(20_000L, consumer.getBrokerSuspendMaxTimeMillis());
        assertEquals(30_000L, consumer.getTopicMetadataCheckIntervalMillis());
        consumer.setPullThresholdForAll(50_000L);
        assertEquals(50_000L, consumer.getPullThresholdForAll());

        try (TestCluster cluster = TestCluster.builder().start()) {
            consumer.setNamesrvAddr(cluster.namesrvAddr());
            consumer.setInstanceName("LiteSettings");
            assertFalse(consumer.isRunning());
            consumer.start();
            try {
                assertTrue(consumer.isRunning());
            } finally {
                consumer.shutdown();
            }
            assertFalse(consumer.isRunning());
        }
    }
}
