package io.apogee.interop5;

import static io.apogee.interop5.Deliveries.body;
import static io.apogee.interop5.Deliveries.message;
import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.producer;
import static io.apogee.interop5.SharedCluster.pushConsumer;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The official RocketMQ 5.3.3 producer and push and lite-pull consumers against our NameServer and broker. */
@ExtendWith(SharedCluster.class)
class MessagingTest {

    /** A push consumer of a fresh group on {@code topic} that records each body, started. */
    private static DefaultMQPushConsumer collecting(String topic, MessageSelector selector, Set<String> into)
            throws Exception {
        return Deliveries.start(pushConsumer(unique("cg")), topic, selector, m -> into.add(body(m)));
    }

    /**
     * A 5.3.3 client with {@code useHeartbeatV2} (off by default, {@code -Dcom.rocketmq.heartbeat.v2}): our broker
     * does not answer {@code IS_SUPPORT_HEART_BEAT_V2}, so the client keeps sending full heartbeats and consumes.
     */
    @Test
    void aHeartbeatV2ClientFallsBackToFullHeartbeats() throws Exception {
        String topic = newTopic("HbV25", 2);
        String group = unique("hbv2cg");
        DefaultMQProducer producer = producer(unique("pg"));
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = pushConsumer(group);
        consumer.setUseHeartbeatV2(true);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(body(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            consumer.start();
            producer.send(message(topic, "A", "v2"));
            await().atMost(WAIT).until(() -> received.contains("v2"));
            assertTrue(SharedCluster.admin().examineConsumerConnectionInfo(group).getSubscriptionTable()
                    .containsKey(topic), "the broker holds the V2 client's subscription");
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void syncAsyncOnewayAndBatchSendsReachAConcurrentPushConsumer() throws Exception {
        String topic = newTopic("Send5", 4);
        DefaultMQProducer producer = producer(unique("pg"));
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = collecting(topic, null, received);
        try {
            SendResult sync = producer.send(message(topic, "A", "sync"));
            assertEquals(SendStatus.SEND_OK, sync.getSendStatus());
            assertTrue(sync.getQueueOffset() >= 0);

            CountDownLatch asyncDone = new CountDownLatch(1);
            AtomicReference<Object> asyncOutcome = new AtomicReference<>();
            producer.send(message(topic, "A", "async"), new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    asyncOutcome.set(result.getSendStatus());
                    asyncDone.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    asyncOutcome.set(e);
                    asyncDone.countDown();
                }
            });
            assertTrue(asyncDone.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(SendStatus.SEND_OK, asyncOutcome.get());

            producer.sendOneway(message(topic, "A", "oneway"));
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(message(topic, "B", "batch" + i));
            }
            assertEquals(SendStatus.SEND_OK, producer.send(batch).getSendStatus());

            Set<String> expected = Set.of("sync", "async", "oneway", "batch0", "batch1", "batch2", "batch3",
                    "batch4");
            await().atMost(WAIT).until(() -> received.containsAll(expected));
            assertEquals(expected, Set.copyOf(received));
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void anOrderlyPushConsumerGetsEachQueueInSendOrder() throws Exception {
        String topic = newTopic("Order5", 2);
        DefaultMQProducer producer = producer(unique("pg"));
        Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = pushConsumer(unique("cg"));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            messages.forEach(m -> byKey.computeIfAbsent(m.getKeys(), k -> new CopyOnWriteArrayList<>())
                    .add(Integer.parseInt(body(m))));
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
        try {
            for (int i = 0; i < 20; i++) {
                String key = "order" + (i % 2);
                Message m = message(topic, "O", String.valueOf(i));
                m.setKeys(key);
                producer.send(m, (queues, msg, arg) -> queues.get((Integer) arg), i % 2);
            }
            await().atMost(WAIT).until(() -> byKey.values().stream().mapToInt(List::size).sum() >= 20);
            assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18), byKey.get("order0"));
            assertEquals(List.of(1, 3, 5, 7, 9, 11, 13, 15, 17, 19), byKey.get("order1"));
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void aLitePullConsumerPollsAndCommits() throws Exception {
        String topic = newTopic("Lite5", 2);
        DefaultMQProducer producer = producer(unique("pg"));
        String group = unique("lpg");
        DefaultLitePullConsumer consumer = SharedCluster.litePullConsumer(group);
        try {
            for (int i = 0; i < 6; i++) {
                producer.send(message(topic, "L", "lite" + i));
            }
            consumer.subscribe(topic, "*");
            consumer.start();
            Set<String> polled = ConcurrentHashMap.newKeySet();
            await().atMost(WAIT).until(() -> {
                consumer.poll(500).forEach(m -> polled.add(body(m)));
                return polled.size() >= 6;
            });
            assertEquals(Set.of("lite0", "lite1", "lite2", "lite3", "lite4", "lite5"), polled);
            consumer.commitSync();
            await().atMost(WAIT).ignoreExceptions().until(() -> SharedCluster.admin().examineConsumeStats(group)
                    .computeTotalDiff() == 0);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void aDelayedMessageArrivesAfterItsLevel() throws Exception {
        String topic = newTopic("Delay5", 1);
        DefaultMQProducer producer = producer(unique("pg"));
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = pushConsumer(unique("cg"));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> arrivals.put(body(m), System.currentTimeMillis() - m.getBornTimestamp()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            Message delayed = message(topic, "D", "delayed");
            delayed.setDelayTimeLevel(2);
            assertEquals(SendStatus.SEND_OK, producer.send(delayed).getSendStatus());
            await().atMost(WAIT).until(() -> arrivals.containsKey("delayed"));
            assertTrue(arrivals.get("delayed") >= 4_500, "level 2 is 5 s, arrived after " + arrivals);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void aSql92SelectorGetsOnlyTheMatchingMessages() throws Exception {
        String topic = newTopic("Sql5", 2);
        DefaultMQProducer producer = producer(unique("pg"));
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = collecting(topic,
                MessageSelector.bySql("TAGS = 'S' AND (a BETWEEN 3 AND 5 OR colour IN ('red'))"), received);
        try {
            for (int i = 0; i < 8; i++) {
                Message m = message(topic, i % 4 == 0 ? "T" : "S", "m" + i);
                m.putUserProperty("a", String.valueOf(i));
                m.putUserProperty("colour", i == 1 ? "red" : "blue");
                producer.send(m);
            }
            Message end = message(topic, "S", "end");
            end.putUserProperty("a", "4");
            producer.send(end);
            Set<String> expected = Set.of("m1", "m3", "m5", "end");
            await().atMost(WAIT).until(() -> received.containsAll(expected));
            assertEquals(expected, Set.copyOf(received));
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }
}
