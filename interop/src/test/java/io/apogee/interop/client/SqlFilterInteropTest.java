package io.apogee.interop.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageExt;
import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SQL92 subscriptions ({@code MessageSelector.bySql}) against Apache RocketMQ 4.9.7's servers and ours, each with
 * {@code enablePropertyFilter=true}: the official 4.9.8 push and lite pull consumers and ours receive exactly the
 * matching messages (and a group whose condition matches nothing receives none); a condition that does not compile,
 * and any SQL92 subscription while the broker's {@code enablePropertyFilter} is false, make the push consumer's
 * start fail with the broker's code (23, 1) and reason, as CHECK_CLIENT_CONFIG answers it.
 */
class SqlFilterInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BROKER = "broker-a";
    /** a=0..19, even ones TagA and odd ones TagB, then three TagA messages without property a. */
    private static final int WITH_A = 20;
    private static final String MATCHING = "(a BETWEEN 5 AND 12 AND TAGS = 'TagA') OR a IN ('17')";
    private static final Set<String> MATCHED = Set.of("m6", "m8", "m10", "m12", "m17");
    private static final Map<ClusterKind, Side> SIDES = new EnumMap<>(ClusterKind.class);
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** One implementation's cluster, its admin client, and the topic the messages above were sent to. */
    private record Side(TestCluster cluster, DefaultMQAdminExt admin, String topic) {
    }

    private static synchronized Side side(ClusterKind kind) {
        return SIDES.computeIfAbsent(kind, k -> {
            TestCluster cluster = k.builder().clusterName("Sql" + k.name()).brokers(BROKER)
                    .brokerProperty("enablePropertyFilter", "true").start();
            try {
                DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
                String topic = "SqlTopic" + k.name();
                admin.createAndUpdateTopicConfig(cluster.brokerAddr(BROKER), new TopicConfig(topic, 2, 2, 6));
                await().atMost(WAIT).ignoreExceptions()
                        .until(() -> !admin.examineTopicRouteInfo(topic).getQueueDatas().isEmpty());
                sendMessages(cluster.namesrvAddr(), topic);
                return new Side(cluster, admin, topic);
            } catch (Exception e) {
                cluster.close();
                throw new IllegalStateException("cannot set up the " + k + " cluster", e);
            }
        });
    }

    private static void sendMessages(String namesrv, String topic) throws Exception {
        DefaultMQProducer producer = ApacheClients.producer(namesrv, "sql-pg-" + NAMES.incrementAndGet());
        try {
            for (int i = 0; i < WITH_A + 3; i++) {
                Message m = new Message(topic, i % 2 == 0 ? "TagA" : "TagB",
                        ("m" + i).getBytes(StandardCharsets.UTF_8));
                if (i < WITH_A) {
                    m.putUserProperty("a", String.valueOf(i));
                } else {
                    m.setTags("TagA");
                }
                assertEquals(SendStatus.SEND_OK, producer.send(m).getSendStatus());
            }
        } finally {
            producer.shutdown();
        }
    }

    @AfterAll
    static void stop() {
        SIDES.values().forEach(side -> {
            side.admin().shutdown();
            side.cluster().close();
        });
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void theOfficialPushConsumerReceivesExactlyTheMatchingMessages(ClusterKind kind) throws Exception {
        Side side = side(kind);
        Set<String> matching = ConcurrentHashMap.newKeySet();
        Set<String> none = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = apacheConsumer(side, MATCHING, matching);
        DefaultMQPushConsumer nothing = apacheConsumer(side, "a > 100 OR missing = 1", none);
        try {
            consumer.start();
            nothing.start();
            assertReceivesExactlyTheMatchingMessages(matching);
            assertTrue(none.isEmpty(), none::toString);
        } finally {
            consumer.shutdown();
            nothing.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void theOfficialLitePullConsumerPollsExactlyTheMatchingMessages(ClusterKind kind) throws Exception {
        Side side = side(kind);
        DefaultLitePullConsumer lite = ApacheClients.litePullConsumer(side.cluster().namesrvAddr(),
                "sql-apache-lite-" + NAMES.incrementAndGet());
        lite.setConsumeFromWhere(org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        lite.subscribe(side.topic(), MessageSelector.bySql("a >= 18 AND TAGS = 'TagB'"));
        Set<String> polled = ConcurrentHashMap.newKeySet();
        try {
            lite.start();
            await().atMost(WAIT).until(() -> {
                lite.poll(500).forEach(m -> polled.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                return polled.contains("m19");
            });
            assertEquals(Set.of("m19"), polled);
        } finally {
            lite.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void ourPushAndLitePullConsumersReceiveExactlyTheMatchingMessages(ClusterKind kind) throws Exception {
        Side side = side(kind);
        Set<String> pushed = ConcurrentHashMap.newKeySet();
        io.apogee.client.consumer.DefaultMQPushConsumer push = ourConsumer(side);
        push.subscribe(side.topic(), io.apogee.client.consumer.MessageSelector.bySql(MATCHING));
        push.registerMessageListener((io.apogee.client.consumer.listener.MessageListenerConcurrently) (msgs, c) -> {
            msgs.forEach(m -> pushed.add(body(m)));
            return io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        io.apogee.client.consumer.DefaultLitePullConsumer lite =
                new io.apogee.client.consumer.DefaultLitePullConsumer("sql-lite-" + NAMES.incrementAndGet());
        lite.setNamesrvAddr(side.cluster().namesrvAddr());
        lite.setConsumeFromWhere(io.apogee.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        lite.subscribe(side.topic(), io.apogee.client.consumer.MessageSelector.bySql("a >= 18 AND TAGS = 'TagB'"));
        Set<String> polled = ConcurrentHashMap.newKeySet();
        try {
            push.start();
            lite.start();
            await().atMost(WAIT).until(() -> {
                lite.poll(500).forEach(m -> polled.add(body(m)));
                return polled.contains("m19");
            });
            assertReceivesExactlyTheMatchingMessages(pushed);
            assertEquals(Set.of("m19"), polled);
        } finally {
            push.shutdown();
            lite.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void aConditionThatDoesNotCompileFailsThePushConsumersStart(ClusterKind kind) throws Exception {
        Side side = side(kind);
        DefaultMQPushConsumer apache = apacheConsumer(side, "a > ", ConcurrentHashMap.newKeySet());
        try {
            MQClientException refused = assertThrows(MQClientException.class, apache::start);
            assertEquals(23, refused.getResponseCode(), refused.getMessage());
            if (kind == ClusterKind.APOGEE) {
                assertTrue(refused.getErrorMessage().contains("\"a > \" does not compile: at position 5: expected a"
                        + " property, a literal"), refused.getErrorMessage());
            }
        } finally {
            apache.shutdown();
        }
        io.apogee.client.consumer.DefaultMQPushConsumer ours = ourConsumer(side);
        ours.subscribe(side.topic(), io.apogee.client.consumer.MessageSelector.bySql("a IN (1)"));
        ours.registerMessageListener((io.apogee.client.consumer.listener.MessageListenerConcurrently) (msgs, c) ->
                io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        io.apogee.client.MQClientException oursRefused = assertThrows(io.apogee.client.MQClientException.class,
                ours::start);
        assertEquals(23, oursRefused.getResponseCode(), oursRefused.getMessage());
        ours.shutdown();
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void sqlSubscriptionsAreRefusedWhilePropertyFilteringIsOff(ClusterKind kind) throws Exception {
        Side side = side(kind);
        setPropertyFilter(side, false);
        DefaultMQPushConsumer apache = apacheConsumer(side, "a > 1", ConcurrentHashMap.newKeySet());
        try {
            MQClientException refused = assertThrows(MQClientException.class, apache::start);
            assertEquals(1, refused.getResponseCode(), refused.getMessage());
            assertTrue(refused.getErrorMessage().startsWith(
                    "The broker does not support consumer to filter message by SQL92"), refused.getErrorMessage());
            if (kind == ClusterKind.APOGEE) {
                assertTrue(refused.getErrorMessage().contains("set enablePropertyFilter=true"),
                        refused.getErrorMessage());
            }
        } finally {
            apache.shutdown();
            setPropertyFilter(side, true);
        }
    }

    /** Waits for {@link #MATCHED}, then 3 s more in which nothing else may arrive. */
    private static void assertReceivesExactlyTheMatchingMessages(Set<String> received) {
        await().atMost(WAIT).until(() -> received.size() >= MATCHED.size());
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> received.size() == MATCHED.size());
        assertEquals(MATCHED, new TreeSet<>(received));
    }

    private static void setPropertyFilter(Side side, boolean on) throws Exception {
        Properties update = new Properties();
        update.setProperty("enablePropertyFilter", String.valueOf(on));
        side.admin().updateBrokerConfig(side.cluster().brokerAddr(BROKER), update);
        await().atMost(WAIT).until(() -> String.valueOf(on).equals(side.admin()
                .getBrokerConfig(side.cluster().brokerAddr(BROKER)).getProperty("enablePropertyFilter")));
    }

    private static DefaultMQPushConsumer apacheConsumer(Side side, String sql, Set<String> bodies)
            throws MQClientException {
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(side.cluster().namesrvAddr(),
                "sql-cg-" + NAMES.incrementAndGet());
        consumer.subscribe(side.topic(), MessageSelector.bySql(sql));
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> bodies.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        return consumer;
    }

    private static io.apogee.client.consumer.DefaultMQPushConsumer ourConsumer(Side side) {
        io.apogee.client.consumer.DefaultMQPushConsumer consumer =
                new io.apogee.client.consumer.DefaultMQPushConsumer("sql-ours-" + NAMES.incrementAndGet());
        consumer.setNamesrvAddr(side.cluster().namesrvAddr());
        consumer.setConsumeFromWhere(io.apogee.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setHeartbeatBrokerInterval(1_000);
        consumer.setRebalanceInterval(1_000);
        return consumer;
    }

    private static String body(MessageExt m) {
        return new String(m.getBody(), StandardCharsets.UTF_8);
    }
}
