package io.apogee.client.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.testsupport.TestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The lite pull consumer's topic queue change listeners, against an embedded NameServer and broker. */
class TopicQueueChangeListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void listenersAreToldOfChangedQueuesInTheAppsNames() throws Exception {
        try (TestCluster cluster = TestCluster.builder().start()) {
            DefaultMQAdminExt admin = new DefaultMQAdminExt();
            admin.setNamesrvAddr(cluster.namesrvAddr());
            admin.setInstanceName("QueueWatchAdmin");
            admin.start();
            DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("ns2", "queue-watch", null);
            consumer.setNamesrvAddr(cluster.namesrvAddr());
            consumer.setInstanceName("QueueWatchLite");
            consumer.setTopicMetadataCheckIntervalMillis(200);
            Map<String, Set<MessageQueue>> told = new ConcurrentHashMap<>();
            try {
                admin.createTopic("TBW102", "ns2%Growing", 4);
                await().atMost(WAIT).ignoreExceptions().until(
                        () -> admin.examineTopicRouteInfo("ns2%Growing") != null);
                consumer.registerTopicMessageQueueChangeListener("Growing", told::put);
                consumer.registerTopicMessageQueueChangeListener("Growing", (t, q) -> told.put("second", q));
                MQClientException nulls = assertThrows(MQClientException.class,
                        () -> consumer.registerTopicMessageQueueChangeListener(null, told::put));
                assertTrue(nulls.getMessage().contains("Topic or listener is null"), nulls.getMessage());
                consumer.start();
                assertEquals(4, consumer.fetchMessageQueues("Growing").size());

                admin.createTopic("TBW102", "ns2%Growing", 8);
                await().atMost(WAIT).until(() -> told.containsKey("Growing") && told.get("Growing").size() == 8);
                told.get("Growing").forEach(q -> assertEquals("Growing", q.getTopic(), "the app's topic name"));

                assertThrows(MQClientException.class,
                        () -> consumer.registerTopicMessageQueueChangeListener("Later", told::put));
                admin.createTopic("TBW102", "ns2%Later", 2);
                await().atMost(WAIT).until(() -> told.containsKey("Later") && told.get("Later").size() == 2);
                assertFalse(told.containsKey("second"), "one listener per topic; the second is ignored");
            } finally {
                consumer.shutdown();
                admin.shutdown();
            }
        }
    }
}
