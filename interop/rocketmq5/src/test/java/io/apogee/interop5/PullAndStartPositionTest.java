package io.apogee.interop5;

import static io.apogee.interop5.Deliveries.body;
import static io.apogee.interop5.Deliveries.message;
import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.litePullConsumer;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.producer;
import static io.apogee.interop5.SharedCluster.pushConsumer;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the official RocketMQ 5.3.3 consumers start and how the lite pull consumer moves through a queue on our
 * broker: assign, seek, commit; SQL92 conditions over typed properties; the offset for a timestamp; two
 * consumers of one group splitting the queues (the 4.9 suite's LitePullAndTransactionInteropTest,
 * SqlFilterInteropTest and PushConsumerInteropTest, with the 5.3.3 client).
 */
@ExtendWith(SharedCluster.class)
class PullAndStartPositionTest {

    private static List<String> bodies(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "q" + i).collect(Collectors.toList());
    }

    /** Polls {@code consumer} until {@code count} messages came, in arrival order. */
    private static List<String> poll(DefaultLitePullConsumer consumer, int count) {
        List<String> polled = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            consumer.poll(300).forEach(m -> polled.add(body(m)));
            return polled.size() >= count;
        });
        return polled;
    }

    /**
     * (Not checked: that a paused queue polls nothing. Right after assign the client's pull task may already have
     * fetched the queue, and those messages are polled though it is paused; a client-side race.)
     */
    @Test
    void anAssignedLitePullConsumerSeeksAndCommits() throws Exception {
        String topic = newTopic("Seek5", 2);
        DefaultMQProducer producer = producer(unique("pg"));
        DefaultLitePullConsumer assigned = litePullConsumer(unique("lpg"));
        try {
            MessageQueue mq = producer.send(message(topic, "S", "q0")).getMessageQueue();
            for (int i = 1; i < 10; i++) {
                producer.send(message(topic, "S", "q" + i), mq);
            }
            assigned.setAutoCommit(false);
            assigned.start();
            assigned.assign(List.of(mq));
            assertEquals(bodies(0, 10), poll(assigned, 10));
            assigned.seek(mq, 5);
            assertEquals(bodies(5, 10), poll(assigned, 5));
            assigned.seekToBegin(mq);
            assertEquals(bodies(0, 10), poll(assigned, 10));
            assigned.commitSync();
            assertEquals(10, assigned.committed(mq));
            assigned.seekToEnd(mq);
            producer.send(message(topic, "S", "q10"), mq);
            assertEquals(List.of("q10"), poll(assigned, 1));
        } finally {
            assigned.shutdown();
            producer.shutdown();
        }
    }

    /**
     * RocketMQ's grammar over numeric, decimal, string and boolean properties: {@code IS NULL}, {@code IS NOT NULL},
     * {@code NOT BETWEEN}, {@code NOT IN}, {@code <>}, {@code TRUE}, polled by a lite pull consumer.
     */
    @Test
    void aLitePullConsumerPollsExactlyWhatASql92ConditionOverTypedPropertiesMatches() throws Exception {
        String topic = newTopic("SqlTypes5", 2);
        DefaultMQProducer producer = producer(unique("pg"));
        DefaultLitePullConsumer consumer = litePullConsumer(unique("lpg"));
        try {
            for (int i = 0; i < 10; i++) {
                Message m = message(topic, i % 2 == 0 ? "Even" : "Odd", "m" + i);
                m.putUserProperty("n", String.valueOf(i));
                m.putUserProperty("price", i + ".5");
                m.putUserProperty("colour", i % 3 == 0 ? "red" : "blue");
                if (i != 7) {
                    m.putUserProperty("vip", String.valueOf(i == 4));
                }
                producer.send(m);
            }
            consumer.subscribe(topic, MessageSelector.bySql("(vip IS NULL)"
                    + " OR (vip = TRUE AND colour <> 'red')"
                    + " OR (TAGS = 'Even' AND n NOT BETWEEN 1 AND 7 AND colour NOT IN ('red') AND price > 7.9)"
                    + " OR (n IS NOT NULL AND n = 9 AND price < 9.6)"));
            consumer.start();
            Set<String> expected = Set.of("m7", "m4", "m8", "m9");
            Set<String> polled = ConcurrentHashMap.newKeySet();
            await().atMost(WAIT).until(() -> {
                consumer.poll(300).forEach(m -> polled.add(body(m)));
                return polled.containsAll(expected);
            });
            assertEquals(expected, polled);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /**
     * The lite pull consumer's offsetForTimestamp (SEARCH_OFFSET_BY_TIMESTAMP) finds the first message stored from a
     * given second on, and a seek there polls only what came after. (A push consumer's CONSUME_FROM_TIMESTAMP does
     * not apply here: a new group on a queue that still starts at 0 is answered offset 0, as RocketMQ 4.9 does.)
     */
    @Test
    void aSeekToTheOffsetForATimestampPollsOnlyWhatCameAfter() throws Exception {
        String topic = newTopic("Time5", 1);
        DefaultMQProducer producer = producer(unique("pg"));
        DefaultLitePullConsumer consumer = litePullConsumer(unique("lpg"));
        try {
            MessageQueue mq = producer.send(message(topic, "T", "old0")).getMessageQueue();
            for (int i = 1; i < 4; i++) {
                producer.send(message(topic, "T", "old" + i), mq);
            }
            long from = (System.currentTimeMillis() / 1000 + 2) * 1000;
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> System.currentTimeMillis() > from);
            for (int i = 0; i < 4; i++) {
                producer.send(message(topic, "T", "new" + i), mq);
            }
            consumer.setAutoCommit(false);
            consumer.start();
            consumer.assign(List.of(mq));
            assertEquals(4L, consumer.offsetForTimestamp(mq, from));
            consumer.seek(mq, consumer.offsetForTimestamp(mq, from));
            assertEquals(List.of("new0", "new1", "new2", "new3"), poll(consumer, 4));
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /** Two consumers of one group each take queues of a 4-queue topic, and together they get every message once. */
    @Test
    void twoConsumersOfOneGroupSplitTheQueuesWithoutLoss() throws Exception {
        String topic = newTopic("Split5", 4);
        String group = unique("scg");
        DefaultMQProducer producer = producer(unique("pg"));
        Set<String> first = ConcurrentHashMap.newKeySet();
        Set<String> second = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer one = Deliveries.start(pushConsumer(group), topic, null, m -> first.add(body(m)));
        DefaultMQPushConsumer two = Deliveries.start(pushConsumer(group), topic, null, m -> second.add(body(m)));
        try {
            await().atMost(WAIT).until(() -> assignedQueues(one, topic) == 2 && assignedQueues(two, topic) == 2);
            Set<String> sent = IntStream.range(0, 20).mapToObj(i -> "s" + i).collect(Collectors.toSet());
            for (String b : sent) {
                producer.send(message(topic, "S", b));
            }
            await().atMost(WAIT).until(() -> first.size() + second.size() >= 20);
            Set<String> all = new HashSet<>(first);
            all.addAll(second);
            assertEquals(sent, all);
            assertEquals(20, first.size() + second.size(), "no message went to both");
            assertTrue(!first.isEmpty() && !second.isEmpty(), first + " / " + second);
        } finally {
            one.shutdown();
            two.shutdown();
            producer.shutdown();
        }
    }

    /** The queues of {@code topic} (not of the group's retry topic) the consumer's rebalance gave it. */
    private static long assignedQueues(DefaultMQPushConsumer consumer, String topic) {
        return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet().stream()
                .filter(mq -> mq.getTopic().equals(topic)).count();
    }
}
