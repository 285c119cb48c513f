package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;

/** Messages and committed offsets outlive a graceful broker restart, seen through the official Apache client. */
class BrokerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void offsetsAndMessagesSurviveABrokerRestart() throws Exception {
        try (TestCluster cluster = TestCluster.builder().start()) {
            String topic = "RestartTopic";
            DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
            try {
                admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a"), new TopicConfig(topic, 2, 2, 6));
                await().atMost(WAIT).ignoreExceptions().until(() -> admin.examineTopicRouteInfo(topic) != null);
            } finally {
                admin.shutdown();
            }
            send(cluster, topic, "before-", 10);
            Set<String> first = consume(cluster, topic, 10);
            assertTrue(first.stream().allMatch(b -> b.startsWith("before-")));

            cluster.stopBroker("broker-a");
            cluster.startBroker("broker-a");
            send(cluster, topic, "after-", 5);

            Set<String> second = consume(cluster, topic, 5);
            assertEquals(5, second.size());
            assertTrue(second.stream().allMatch(b -> b.startsWith("after-")), second::toString);
        }
    }

    private static void send(TestCluster cluster, String topic, String prefix, int count) throws Exception {
        DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "pg-restart-broker");
        try {
            for (int i = 0; i < count; i++) {
                producer.send(new Message(topic, "T", (prefix + i).getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            producer.shutdown();
        }
    }

    /** Consumes with group cg-restart-broker until {@code expected} distinct bodies arrived, then shuts down. */
    private static Set<String> consume(TestCluster cluster, String topic, int expected) throws Exception {
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(cluster.namesrvAddr(), "cg-restart-broker");
        consumer.subscribe(topic, "*");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> bodies.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(WAIT).until(() -> bodies.size() >= expected);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> bodies.size() == expected);
        } finally {
            consumer.shutdown();
        }
        return Set.copyOf(bodies);
    }
}
