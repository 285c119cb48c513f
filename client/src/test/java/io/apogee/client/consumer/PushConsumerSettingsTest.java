package io.apogee.client.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.common.consumer.MessageModel;
import io.apogee.testsupport.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocketMQ 4.9.8's push consumer settings beyond the per-queue ones: topic-wide thresholds shared over the owned
 * queues, their range checks, the retired class filter mode and the trace dispatcher getter.
 */
class PushConsumerSettingsTest {

    @TempDir
    Path offsets;

    @Test
    void topicThresholdsAreSharedOverTheOwnedQueues() throws Exception {
        try (TestCluster cluster = TestCluster.builder().start()) {
            DefaultMQAdminExt admin = new DefaultMQAdminExt();
            admin.setNamesrvAddr(cluster.namesrvAddr());
            admin.setInstanceName("PushSettingsAdmin");
            admin.start();
            admin.createTopic("TBW102", "SharedLimits", 4);
            admin.shutdown();
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("push-topic-limits");
            consumer.setNamesrvAddr(cluster.namesrvAddr());
            consumer.setInstanceName("PushSettingsConsumer");
            consumer.setMessageModel(MessageModel.BROADCASTING);
            consumer.setLocalOffsetStoreDir(offsets.toString());
            consumer.setPullThresholdForTopic(40);
            consumer.setPullThresholdSizeForTopic(40);
            consumer.subscribe("SharedLimits", "*");
            consumer.registerMessageListener(
                    (MessageListenerConcurrently) (msgs, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
            assertEquals(1000, consumer.getPullThresholdForQueue());
            consumer.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> consumer.getPullThresholdForQueue() == 10);
                assertEquals(10, consumer.getPullThresholdSizeForQueue(), "40 MiB over 4 queues, as RocketMQ");
            } finally {
                consumer.shutdown();
            }
        }
    }

    @Test
    void outOfRangeTopicThresholdsAndClassFiltersAreRefused() throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("push-bad-limits");
        assertEquals(-1, consumer.getPullThresholdForTopic());
        assertEquals(-1, consumer.getPullThresholdSizeForTopic());
        assertFalse(consumer.isPostSubscriptionWhenPull());
        assertEquals(100_000, consumer.getAdjustThreadPoolNumsThreshold());
        assertNull(consumer.getTraceDispatcher());
        assertNotNull(new DefaultMQPushConsumer("push-traced", true).getTraceDispatcher());

        consumer.setNamesrvAddr("127.0.0.1:1");
        consumer.subscribe("AnyTopic", "*");
        consumer.registerMessageListener(
                (MessageListenerConcurrently) (msgs, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        consumer.setPullThresholdForTopic(0);
        MQClientException count = assertThrows(MQClientException.class, consumer::start);
        assertTrue(count.getMessage().contains("pullThresholdForTopic Out of range [1, 6553500]"), count.getMessage());
        consumer.setPullThresholdForTopic(-1);
        consumer.setPullThresholdSizeForTopic(2_000_000);
        MQClientException size = assertThrows(MQClientException.class, consumer::start);
        assertTrue(size.getMessage().contains("pullThresholdSizeForTopic Out of range [1, 1024000]"),
                size.getMessage());

        @SuppressWarnings("deprecation")
        MQClientException classFilter = assertThrows(MQClientException.class,
                () -> consumer.subscribe("AnyTopic", "com.example.Filter", "class Filter {}"));
        assertTrue(classFilter.getMessage().contains("MessageSelector.bySql"), classFilter.getMessage());
    }
}
