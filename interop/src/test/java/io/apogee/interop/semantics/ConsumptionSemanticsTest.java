package io.apogee.interop.semantics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.LockBatchRequestBody;
import org.apache.rocketmq.common.protocol.body.UnlockBatchRequestBody;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retry and dead letters, delay levels, orderly consumption with queue locks and transactions, seen through the
 * official Apache 4.9.8 clients; every scenario runs against Apache's 4.9.7 broker (proving the test) and ours.
 * "Never early" is asserted from timestamps the brokers stamped, not from sleeps.
 */
class ConsumptionSemanticsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @AfterAll
    static void stop() {
        Brokers.closeAll();
    }

    /** A producer, a push consumer of {@code group} (not started) and an admin, all shut down on close. */
    private static final class Session implements AutoCloseable {
        final DefaultMQProducer producer;
        final DefaultMQPushConsumer consumer;
        final DefaultMQAdminExt admin;

        Session(TestCluster servers, String group) throws Exception {
            producer = ApacheClients.producer(servers.namesrvAddr(), name("pg"));
            consumer = ApacheClients.pushConsumer(servers.namesrvAddr(), group);
            admin = ApacheClients.admin(servers.namesrvAddr());
        }

        @Override
        public void close() {
            admin.shutdown();
            consumer.shutdown();
            producer.shutdown();
        }
    }

    private static String name(String prefix) {
        return prefix + NAMES.incrementAndGet() + "_" + System.nanoTime() % 100_000;
    }

    /** Creates a topic with {@code queues} queues on the broker and waits until its route is served. */
    private static String newTopic(TestCluster servers, int queues) throws Exception {
        String topic = name("SemTopic");
        DefaultMQAdminExt admin = ApacheClients.admin(servers.namesrvAddr());
        try {
            admin.createAndUpdateTopicConfig(servers.brokerAddr(Brokers.BROKER),
                    new TopicConfig(topic, queues, queues, 6));
            await().atMost(WAIT).ignoreExceptions().until(() -> admin.examineTopicRouteInfo(topic)
                    .getQueueDatas().get(0).getWriteQueueNums() == queues);
        } finally {
            admin.shutdown();
        }
        return topic;
    }

    private static Message message(String topic, String body) {
        return new Message(topic, "TagA", body, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(MessageExt m) {
        return new String(m.getBody(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void reconsumeLaterRedeliversOnceWithReconsumeTimesOneNoEarlierThanLevelThree(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        String topic = newTopic(servers, 2);
        List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
        try (Session session = new Session(servers, name("cgRetry"))) {
            DefaultMQProducer producer = session.producer;
            DefaultMQPushConsumer consumer = session.consumer;
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                deliveries.addAll(msgs);
                return deliveries.size() == 1 ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                        : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            SendResult sent = producer.send(message(topic, "retry-me"));
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());

            await().atMost(WAIT).until(() -> deliveries.size() >= 2);
            MessageExt first = deliveries.get(0);
            MessageExt again = deliveries.get(1);
            assertEquals(0, first.getReconsumeTimes());
            assertEquals(1, again.getReconsumeTimes());
            assertEquals(sent.getMsgId(), again.getMsgId());
            assertEquals(topic, again.getTopic());
            assertEquals("retry-me", body(again));
            assertEquals("TagA", again.getTags());
            assertTrue(again.getStoreTimestamp() - first.getStoreTimestamp() >= side.delayMillis(3),
                    () -> "retried after " + (again.getStoreTimestamp() - first.getStoreTimestamp()) + " ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void aMessageFailingMaxReconsumeTimesLandsInTheDeadLetterTopicAndCanBeQueriedThere(Brokers side)
            throws Exception {
        TestCluster servers = side.servers();
        String topic = newTopic(servers, 2);
        String group = name("cgDlq");
        List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
        try (Session session = new Session(servers, group)) {
            DefaultMQProducer producer = session.producer;
            DefaultMQPushConsumer consumer = session.consumer;
            DefaultMQAdminExt admin = session.admin;
            consumer.setMaxReconsumeTimes(2);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                deliveries.addAll(msgs);
                context.setDelayLevelWhenNextConsume(1);
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            });
            consumer.start();
            SendResult sent = producer.send(message(topic, "doomed"));

            await().atMost(WAIT).until(() -> deliveries.size() >= 3);
            String dlq = "%DLQ%" + group;
            MessageExt dead = await().atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.viewMessage(dlq, sent.getMsgId()), m -> m != null);
            assertEquals("doomed", body(dead));
            assertEquals(dlq, dead.getTopic());
            assertEquals(topic, dead.getProperty("RETRY_TOPIC"));
            assertEquals(3, dead.getReconsumeTimes());
            assertEquals(List.of(0, 1, 2), deliveries.stream().map(MessageExt::getReconsumeTimes).toList()
                    .subList(0, 3));
            assertEquals(6, admin.examineTopicRouteInfo(dlq).getQueueDatas().get(0).getPerm(),
                    "Apache 4.9.7 creates the dead-letter topic readable and writable");
        }
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void anOrderlyConsumerRetriesLocallyWithoutTheBroker(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        String topic = newTopic(servers, 1);
        String group = name("cgOrderRetry");
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        try (Session session = new Session(servers, group)) {
            DefaultMQProducer producer = session.producer;
            DefaultMQPushConsumer consumer = session.consumer;
            DefaultMQAdminExt admin = session.admin;
            consumer.setSuspendCurrentQueueTimeMillis(100);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerOrderly) (msgs, context) -> {
                msgs.forEach(m -> attempts.add(m.getReconsumeTimes()));
                return attempts.size() < 3 ? ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT
                        : ConsumeOrderlyStatus.SUCCESS;
            });
            consumer.start();
            producer.send(message(topic, "suspend-twice"));
            await().atMost(WAIT).until(() -> attempts.size() >= 3);
            assertEquals(List.of(0, 1, 2), attempts, "reconsumeTimes counts the local retries");
            long retried = admin.examineTopicStats("%RETRY%" + group).getOffsetTable().values().stream()
                    .mapToLong(o -> o.getMaxOffset()).sum();
            assertEquals(0, retried, "nothing went through the broker's retry topic");
        }
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void anOrderlyConsumersExhaustedMessageReachesTheDeadLetterTopicAfterItsRetryDelay(Brokers side)
            throws Exception {
        TestCluster servers = side.servers();
        String topic = newTopic(servers, 1);
        String group = name("cgOrderDlq");
        AtomicInteger attempts = new AtomicInteger();
        try (Session session = new Session(servers, group)) {
            DefaultMQProducer producer = session.producer;
            DefaultMQPushConsumer consumer = session.consumer;
            DefaultMQAdminExt admin = session.admin;
            consumer.setMaxReconsumeTimes(0);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerOrderly) (msgs, context) -> {
                attempts.addAndGet(msgs.size());
                return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            });
            consumer.start();
            String key = name("orderly-doomed");
            producer.send(message(topic, key));

            String dlq = "%DLQ%" + group;
            QueryResult found = await().atMost(WAIT).ignoreExceptions().until(
                    () -> admin.queryMessage(dlq, key, 32, 0, Long.MAX_VALUE), r -> !r.getMessageList().isEmpty());
            MessageExt dead = found.getMessageList().get(0);
            assertEquals(key, body(dead));
            assertEquals(topic, dead.getProperty("RETRY_TOPIC"));
            assertEquals(1, attempts.get(), "max reconsume times 0: sent back after the first failure");
            assertTrue(dead.getStoreTimestamp() - dead.getBornTimestamp() >= side.delayMillis(3),
                    "the client asks for level 3 and the broker keeps it on the way to the dead-letter topic");
        }
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void delayLevelTwoDeliversNoEarlierThanItsDelay(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        assertDelayedDelivery(servers, 2, side.delayMillis(2), false);
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void delayedMessagesPendingAtABrokerRestartAreDeliveredAfterIt(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        assertDelayedDelivery(servers, 2, side.delayMillis(2), true);
    }

    /** Sends five messages at {@code level}, optionally restarts the broker, and checks each arrives once, on time. */
    static void assertDelayedDelivery(TestCluster servers, int level, long delayMillis, boolean restart)
            throws Exception {
        String topic = newTopic(servers, 2);
        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        try (Session session = new Session(servers, name("cgDelay"))) {
            DefaultMQProducer producer = session.producer;
            DefaultMQPushConsumer consumer = session.consumer;
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Message m = message(topic, "delayed-" + i);
                m.setDelayTimeLevel(level);
                assertEquals(SendStatus.SEND_OK, producer.send(m).getSendStatus());
                bodies.add("delayed-" + i);
            }
            if (restart) {
                servers.restartBroker(Brokers.BROKER);
            }
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> received.put(body(m), m));
                deliveries.addAndGet(msgs.size());
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            await().atMost(WAIT).until(() -> received.keySet().containsAll(bodies));
            for (MessageExt m : received.values()) {
                assertEquals(topic, m.getTopic());
                assertEquals("TagA", m.getTags());
                assertTrue(m.getStoreTimestamp() - m.getBornTimestamp() >= delayMillis,
                        () -> "delivered " + (m.getStoreTimestamp() - m.getBornTimestamp()) + " ms after birth");
            }
            assertEquals(5, received.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void anOrderlyGroupKeepsPerQueueOrderAcrossARebalanceAndNeverSharesAQueue(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        int queues = 4;
        String topic = newTopic(servers, queues);
        String group = name("cgOrder");
        OrderWatch watch = new OrderWatch();
        DefaultMQProducer producer = ApacheClients.producer(servers.namesrvAddr(), name("pg"));
        DefaultMQPushConsumer first = ApacheClients.pushConsumer(servers.namesrvAddr(), group);
        DefaultMQPushConsumer second = ApacheClients.pushConsumer(servers.namesrvAddr(), group);
        try {
            first.subscribe(topic, "*");
            first.registerMessageListener(watch.listener("first"));
            first.start();
            AtomicInteger rounds = new AtomicInteger();
            sendOrdered(producer, topic, queues, 0, 10);
            rounds.set(10);
            await().atMost(WAIT).until(() -> watch.total() >= queues * 5);

            second.subscribe(topic, "*");
            second.registerMessageListener(watch.listener("second"));
            second.start();
            await().atMost(WAIT).until(() -> {
                int seq = rounds.getAndIncrement();
                sendOrdered(producer, topic, queues, seq, seq + 1);
                return watch.members().contains("second");
            });
            sendOrdered(producer, topic, queues, rounds.get(), rounds.get() + 5);
            int perQueue = rounds.get() + 5;

            await().atMost(WAIT).until(() -> watch.distinct() == (long) queues * perQueue);
            assertEquals(Set.of("first", "second"), watch.members(), "both members consumed after the rebalance");
            assertFalse(watch.shared.get(), "two members consumed one queue at once");
            assertFalse(watch.gap.get(), () -> "a queue's messages were consumed out of order: " + watch.seen);
        } finally {
            second.shutdown();
            first.shutdown();
            producer.shutdown();
        }
    }

    /**
     * What an orderly group consumed, per queue: the sequence numbers in consumption order, whether a number came
     * before all lower ones of its queue had (a gap: order broken), and whether two listeners ever ran on one queue
     * at the same time (shared). Redeliveries after a rebalance are allowed (at least once).
     */
    private static final class OrderWatch {
        /** Simulated work per message, so that two members consuming one queue would overlap visibly. */
        static final long WORK_NANOS = 10_000_000;
        final Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        final Map<String, Boolean> consumedBy = new ConcurrentHashMap<>();
        final AtomicBoolean shared = new AtomicBoolean();
        final AtomicBoolean gap = new AtomicBoolean();

        MessageListenerOrderly listener(String member) {
            return (msgs, context) -> {
                int queue = context.getMessageQueue().getQueueId();
                AtomicInteger busy = inFlight.computeIfAbsent(queue, q -> new AtomicInteger());
                if (busy.incrementAndGet() > 1) {
                    shared.set(true);
                }
                try {
                    List<Integer> order = seen.computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>());
                    for (MessageExt m : msgs) {
                        int seq = Integer.parseInt(body(m).split("-")[1]);
                        if (seq > order.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1) {
                            gap.set(true);
                        }
                        order.add(seq);
                        consumedBy.put(member, true);
                        LockSupport.parkNanos(WORK_NANOS);
                    }
                } finally {
                    busy.decrementAndGet();
                }
                return ConsumeOrderlyStatus.SUCCESS;
            };
        }

        Set<String> members() {
            return Set.copyOf(consumedBy.keySet());
        }

        int total() {
            return seen.values().stream().mapToInt(List::size).sum();
        }

        long distinct() {
            return seen.values().stream().mapToLong(l -> l.stream().distinct().count()).sum();
        }
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void aQueueLockedByOneClientOfAGroupIsRefusedToAnotherUntilUnlocked(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        String topic = newTopic(servers, 3);
        String group = name("cgLock");
        DefaultMQProducer client = ApacheClients.producer(servers.namesrvAddr(), name("pgLock"));
        try {
            MQClientAPIImpl api = client.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl();
            MessageQueue q0 = new MessageQueue(topic, Brokers.BROKER, 0);
            MessageQueue q1 = new MessageQueue(topic, Brokers.BROKER, 1);
            MessageQueue q2 = new MessageQueue(topic, Brokers.BROKER, 2);
            assertEquals(Set.of(q0, q1), lock(api, servers, group, "client-a", Set.of(q0, q1)));
            assertEquals(Set.of(q2), lock(api, servers, group, "client-b", Set.of(q0, q1, q2)));
            assertEquals(Set.of(q0, q1), lock(api, servers, group, "client-a", Set.of(q0, q1)), "renewed");
            assertEquals(Set.of(q0), lock(api, servers, name("otherGroup"), "client-b", Set.of(q0)),
                    "locks are per group");

            UnlockBatchRequestBody unlock = new UnlockBatchRequestBody();
            unlock.setConsumerGroup(group);
            unlock.setClientId("client-b");
            unlock.setMqSet(Set.of(q0));
            api.unlockBatchMQ(servers.brokerAddr(Brokers.BROKER), unlock, 5_000, false);
            assertEquals(Set.of(q2), lock(api, servers, group, "client-b", Set.of(q0, q2)),
                    "only the holder's unlock counts");
            unlock.setClientId("client-a");
            api.unlockBatchMQ(servers.brokerAddr(Brokers.BROKER), unlock, 5_000, false);
            assertEquals(Set.of(q0, q2), lock(api, servers, group, "client-b", Set.of(q0, q2)));
        } finally {
            client.shutdown();
        }
    }

    private static Set<MessageQueue> lock(MQClientAPIImpl api, TestCluster servers, String group,
            String clientId, Set<MessageQueue> queues) throws Exception {
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setConsumerGroup(group);
        body.setClientId(clientId);
        body.setMqSet(queues);
        return api.lockBatchMQ(servers.brokerAddr(Brokers.BROKER), body, 5_000);
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void theBrokerAsksEachConsumerOfAGroupForItsOffsetsForTools(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        String topic = newTopic(servers, 2);
        String group = name("cgStatus");
        AtomicInteger consumed = new AtomicInteger();
        try (Session session = new Session(servers, group)) {
            DefaultMQProducer producer = session.producer;
            DefaultMQPushConsumer consumer = session.consumer;
            DefaultMQAdminExt admin = session.admin;
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                consumed.addAndGet(msgs.size());
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            for (int i = 0; i < 4; i++) {
                producer.send(message(topic, "status-" + i));
            }
            await().atMost(WAIT).until(() -> consumed.get() >= 4);
            Map<String, Map<MessageQueue, Long>> status = await().atMost(WAIT).ignoreExceptions().until(
                    () -> admin.getConsumeStatus(topic, group, ""),
                    s -> s.size() == 1 && s.values().iterator().next().values().stream()
                            .mapToLong(Long::longValue).sum() == 4);
            String clientId = status.keySet().iterator().next();
            assertTrue(clientId.contains("@"), clientId);
            assertTrue(status.get(clientId).keySet().stream().allMatch(q -> q.getTopic().equals(topic)));
            assertTrue(admin.getConsumeStatus(topic, group, "no-such-client").isEmpty());
        }
    }

    private static void sendOrdered(DefaultMQProducer producer, String topic, int queues, int from, int to)
            throws Exception {
        for (int seq = from; seq < to; seq++) {
            for (int q = 0; q < queues; q++) {
                SendResult r = producer.send(message(topic, "q" + q + "-" + seq),
                        (mqs, msg, arg) -> mqs.get((Integer) arg), q);
                assertEquals(q, r.getMessageQueue().getQueueId());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void commitIsDeliveredRollbackIsNotAndUnknownIsResolvedByCheckBack(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        String topic = newTopic(servers, 2);
        List<MessageExt> checked = new CopyOnWriteArrayList<>();
        TransactionListener listener = new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return switch (new String(msg.getBody(), StandardCharsets.UTF_8)) {
                    case "commit" -> LocalTransactionState.COMMIT_MESSAGE;
                    case "rollback" -> LocalTransactionState.ROLLBACK_MESSAGE;
                    default -> LocalTransactionState.UNKNOW;
                };
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                checked.add(msg);
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        };
        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        TransactionMQProducer producer = ApacheClients.transactionProducer(servers.namesrvAddr(), name("tpg"),
                listener);
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(servers.namesrvAddr(), name("cgTx"));
        try {
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> received.put(body(m), m));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            for (String outcome : List.of("rollback", "commit", "unknown")) {
                assertEquals(SendStatus.SEND_OK,
                        producer.sendMessageInTransaction(message(topic, outcome), null).getSendStatus());
            }
            await().atMost(WAIT).until(() -> received.containsKey("commit") && received.containsKey("unknown"));
            assertFalse(received.containsKey("rollback"), "a rolled-back message was delivered");
            assertFalse(checked.isEmpty());
            MessageExt check = checked.get(0);
            assertEquals(topic, check.getTopic());
            assertEquals("unknown", body(check));
            assertTrue(checked.stream().allMatch(m -> body(m).equals("unknown")), "only the unknown is checked");
            assertEquals(topic, received.get("unknown").getTopic());
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(Brokers.class)
    void halfMessagesUnresolvedAtABrokerRestartAreCheckedAfterIt(Brokers side) throws Exception {
        TestCluster servers = side.servers();
        String topic = newTopic(servers, 2);
        AtomicBoolean restarted = new AtomicBoolean();
        TransactionListener listener = new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return LocalTransactionState.UNKNOW;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return restarted.get() ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.UNKNOW;
            }
        };
        Set<String> received = ConcurrentHashMap.newKeySet();
        TransactionMQProducer producer = ApacheClients.transactionProducer(servers.namesrvAddr(), name("tpg"),
                listener);
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(servers.namesrvAddr(), name("cgTxRestart"));
        try {
            Set<String> bodies = Set.of("pending-0", "pending-1", "pending-2");
            for (String body : bodies) {
                TransactionSendResult r = producer.sendMessageInTransaction(message(topic, body), null);
                assertEquals(LocalTransactionState.UNKNOW, r.getLocalTransactionState());
            }
            servers.restartBroker(Brokers.BROKER);
            restarted.set(true);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> received.add(body(m)));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            await().atMost(WAIT).until(() -> received.containsAll(bodies));
            assertEquals(bodies, received);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }
}
