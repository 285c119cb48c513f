package io.apogee.interop5;

import static io.apogee.interop5.Deliveries.body;
import static io.apogee.interop5.Deliveries.message;
import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.admin;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.producer;
import static io.apogee.interop5.SharedCluster.pushConsumer;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How the official RocketMQ 5.3.3 push consumer's deliveries behave against our broker: tag subscriptions, retries
 * through the group's retry topic and dead letters after {@code maxReconsumeTimes}, broadcasting, and consume offsets
 * kept across a consumer restart (the 4.9 suite's PushConsumerInteropTest, ApacheClientAgainstApogeeTest and
 * DeadLetterMetricsInteropTest, with the 5.3.3 client).
 */
@ExtendWith(SharedCluster.class)
class ConsumptionSemanticsTest {

    /** A started push consumer of {@code group} on {@code topic} with {@code expression} that records each body. */
    private static DefaultMQPushConsumer collecting(String group, MessageModel model, String topic, String expression,
            Set<String> into) throws Exception {
        DefaultMQPushConsumer consumer = pushConsumer(group);
        consumer.setMessageModel(model);
        return Deliveries.start(consumer, topic, MessageSelector.byTag(expression), m -> into.add(body(m)));
    }

    @Test
    void aTagSubscriptionGetsOnlyItsTags() throws Exception {
        String topic = newTopic("Tag5", 2);
        DefaultMQProducer producer = producer(unique("pg"));
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = collecting(unique("cg"), MessageModel.CLUSTERING, topic, "A || C",
                received);
        try {
            List<String> tags = List.of("A", "B", "C", "D", "A");
            for (int i = 0; i < tags.size(); i++) {
                producer.send(message(topic, tags.get(i), tags.get(i) + i));
            }
            producer.send(message(topic, "C", "last"));
            await().atMost(WAIT).until(() -> received.contains("last"));
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> received.size() == 4);
            assertEquals(Set.of("A0", "C2", "A4", "last"), received);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /**
     * RECONSUME_LATER sends the message back (delay level 1, 1 s), it returns through {@code %RETRY%group} with its
     * reconsume count, and after {@code maxReconsumeTimes} the broker moves it to {@code %DLQ%group}, where a
     * consumer of that topic reads it with its body and properties.
     */
    @Test
    void reconsumeLaterRetriesThenDeadLettersAfterMaxReconsumeTimes() throws Exception {
        String topic = newTopic("Retry5", 1);
        String group = unique("rcg");
        DefaultMQProducer producer = producer(unique("pg"));
        List<Integer> reconsumeTimes = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = pushConsumer(group);
        consumer.setMaxReconsumeTimes(2);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> reconsumeTimes.add(m.getReconsumeTimes()));
            context.setDelayLevelWhenNextConsume(1);
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        });
        DefaultMQPushConsumer dlqConsumer = null;
        try {
            consumer.start();
            Message doomed = message(topic, "R", "doomed");
            doomed.setKeys("doomed-key");
            doomed.putUserProperty("origin", "retry-test");
            producer.send(doomed);
            await().atMost(WAIT).until(() -> reconsumeTimes.size() >= 3);
            assertEquals(List.of(0, 1, 2), reconsumeTimes.subList(0, 3));

            String dlq = "%DLQ%" + group;
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> !admin().examineTopicRouteInfo(dlq).getQueueDatas().isEmpty());
            Map<String, MessageExt> dead = new ConcurrentHashMap<>();
            dlqConsumer = Deliveries.start(pushConsumer(unique("dlqcg")), dlq, null, m -> dead.put(body(m), m));
            await().atMost(WAIT).until(() -> dead.containsKey("doomed"));
            MessageExt letter = dead.get("doomed");
            assertEquals("doomed-key", letter.getKeys());
            assertEquals("retry-test", letter.getUserProperty("origin"));
            assertEquals(topic, letter.getProperty("RETRY_TOPIC"), "the dead letter names its first topic");
            assertEquals(3, reconsumeTimes.size(), "no delivery after the dead letter: " + reconsumeTimes);
        } finally {
            if (dlqConsumer != null) {
                dlqConsumer.shutdown();
            }
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void broadcastingDeliversEveryMessageToEveryConsumer() throws Exception {
        String topic = newTopic("Bcast5", 2);
        String group = unique("bcg");
        DefaultMQProducer producer = producer(unique("pg"));
        Set<String> first = ConcurrentHashMap.newKeySet();
        Set<String> second = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer one = collecting(group, MessageModel.BROADCASTING, topic, "*", first);
        DefaultMQPushConsumer two = collecting(group, MessageModel.BROADCASTING, topic, "*", second);
        try {
            Set<String> sent = Set.of("b0", "b1", "b2", "b3", "b4", "b5");
            for (String b : sent) {
                producer.send(message(topic, "B", b));
            }
            await().atMost(WAIT).until(() -> first.containsAll(sent) && second.containsAll(sent));
            assertEquals(sent, Set.copyOf(first));
            assertEquals(sent, Set.copyOf(second));
        } finally {
            one.shutdown();
            two.shutdown();
            producer.shutdown();
        }
    }

    /**
     * A group's committed offsets outlive its consumer: a restarted consumer of the group gets only what was sent
     * while it was away, not the messages it had consumed.
     */
    @Test
    void offsetsSurviveAConsumerRestart() throws Exception {
        String topic = newTopic("Restart5", 2);
        String group = unique("ocg");
        DefaultMQProducer producer = producer(unique("pg"));
        Set<String> before = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = collecting(group, MessageModel.CLUSTERING, topic, "*", before);
        try {
            for (int i = 0; i < 6; i++) {
                producer.send(message(topic, "O", "before" + i));
            }
            await().atMost(WAIT).until(() -> before.size() == 6);
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> admin().examineConsumeStats(group).computeTotalDiff() == 0);
            consumer.shutdown();
            for (int i = 0; i < 4; i++) {
                producer.send(message(topic, "O", "after" + i));
            }
            Set<String> after = ConcurrentHashMap.newKeySet();
            consumer = collecting(group, MessageModel.CLUSTERING, topic, "*", after);
            await().atMost(WAIT).until(() -> after.size() >= 4);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> after.size() == 4);
            assertEquals(Set.of("after0", "after1", "after2", "after3"), after);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }
}
