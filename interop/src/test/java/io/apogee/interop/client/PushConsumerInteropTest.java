package io.apogee.interop.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.ConsumeOrderlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendCallback;
import io.apogee.client.producer.SendResult;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageExt;
import io.apogee.interop.fixture.ClusterKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our push consumer (concurrently, orderly, broadcasting, groups of two, retries, restarts) against each cluster. */
class PushConsumerInteropTest extends ClientTestBase {

    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();
    private DefaultMQProducer producer;

    @BeforeEach
    void noConsumersYet() {
        consumers.clear();
    }

    @AfterEach
    void shutdownClients() {
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        if (producer != null) {
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void everySendModeReachesATagFilteredConsumer(ClusterKind kind) throws Exception {
        String topic = unique("PushTags");
        producer = startProducer(kind);
        Set<String> wanted = new HashSet<>();
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String tag = i % 2 == 0 ? "TagA" : "TagB";
            Message m = message(topic, tag, "m" + i);
            if (tag.equals("TagA")) {
                wanted.add("m" + i);
            }
            switch (i % 4) {
                case 0 -> producer.send(m);
                case 1 -> producer.send(m, ignoring());
                case 2 -> producer.sendOneway(m);
                default -> batch.add(m);
            }
        }
        producer.send(batch);
        Set<String> received = ConcurrentHashMap.newKeySet();
        startConsumer(kind, unique("cg"), topic, "TagA", c -> { }, concurrently(received));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.equals(wanted));
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void selectorAndOrderlyConsumerKeepPerKeyOrder(ClusterKind kind) throws Exception {
        String topic = unique("PushOrder");
        producer = startProducer(kind);
        for (int i = 0; i < 60; i++) {
            int order = i % 3;
            producer.send(message(topic, "TagA", order + ":" + i), (mqs, msg, arg) -> mqs.get((Integer) arg % mqs
                    .size()), order);
        }
        Map<String, List<Integer>> byOrder = new ConcurrentHashMap<>();
        MessageListenerOrderly listener = (msgs, context) -> {
            for (MessageExt m : msgs) {
                String[] parts = body(m).split(":");
                byOrder.computeIfAbsent(parts[0], k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(parts[1]));
            }
            return ConsumeOrderlyStatus.SUCCESS;
        };
        startConsumer(kind, unique("ocg"), topic, "*", c -> c.setLockInterval(1000), listener);
        await().atMost(Duration.ofSeconds(30)).until(() -> byOrder.values().stream().mapToInt(List::size).sum() == 60);
        for (List<Integer> seq : byOrder.values()) {
            List<Integer> sorted = new ArrayList<>(seq);
            sorted.sort(null);
            assertEquals(sorted, seq, "one order's messages arrive in send order");
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void broadcastingDeliversEverythingToEveryConsumer(ClusterKind kind) throws Exception {
        String topic = unique("PushBroadcast");
        String group = unique("bcg");
        producer = startProducer(kind);
        producer.send(message(topic, "TagA", "warm-up"));
        Set<String> first = ConcurrentHashMap.newKeySet();
        Set<String> second = ConcurrentHashMap.newKeySet();
        startConsumer(kind, group, topic, "*", c -> broadcasting(c, "bc-1"), concurrently(first));
        startConsumer(kind, group, topic, "*", c -> broadcasting(c, "bc-2"), concurrently(second));
        Set<String> sent = new HashSet<>(Set.of("warm-up"));
        for (int i = 0; i < 20; i++) {
            producer.send(message(topic, "TagA", "b" + i));
            sent.add("b" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> first.equals(sent) && second.equals(sent));
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void twoConsumersShareAGroupWithoutLossAndOffsetsSurviveRestart(ClusterKind kind) throws Exception {
        String topic = unique("PushGroup");
        String group = unique("gcg");
        producer = startProducer(kind);
        producer.send(message(topic, "TagA", "create"));
        Map<String, String> receivedBy = new ConcurrentHashMap<>();
        DefaultMQPushConsumer one = startConsumer(kind, group, topic, "*", c -> { }, recording(receivedBy, "one"));
        startConsumer(kind, group, topic, "*", c -> { }, recording(receivedBy, "two"));
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedBy.containsKey("create"));
        Set<String> sent = sendNumbered(topic, "g", 0, 80);
        sent.add("create");
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedBy.keySet().containsAll(sent));
        assertTrue(receivedBy.containsValue("one") && receivedBy.containsValue("two"),
                "both consumers got a share: " + new HashSet<>(receivedBy.values()));

        one.shutdown();
        consumers.remove(one);
        Set<String> more = sendNumbered(topic, "h", 0, 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedBy.keySet().containsAll(more));

        consumers.forEach(DefaultMQPushConsumer::shutdown);
        consumers.clear();
        Set<String> afterRestart = sendNumbered(topic, "r", 0, 20);
        Map<String, String> restarted = new ConcurrentHashMap<>();
        startConsumer(kind, group, topic, "*", c -> { }, recording(restarted, "three"));
        await().atMost(Duration.ofSeconds(30)).until(() -> restarted.keySet().containsAll(afterRestart));
        assertEquals(afterRestart, restarted.keySet(), "a restarted group resumes at its stored offsets");
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void reconsumeLaterRedeliversThroughTheRetryTopic(ClusterKind kind) throws Exception {
        String topic = unique("PushRetry");
        producer = startProducer(kind);
        producer.send(message(topic, "TagA", "retry-me"));
        List<Integer> deliveries = new CopyOnWriteArrayList<>();
        MessageListenerConcurrently listener = (msgs, context) -> {
            MessageExt m = msgs.get(0);
            deliveries.add(m.getReconsumeTimes());
            assertEquals(topic, m.getTopic(), "a redelivered message shows its original topic");
            context.setDelayLevelWhenNextConsume(1);
            return m.getReconsumeTimes() == 0 ? ConsumeConcurrentlyStatus.RECONSUME_LATER
                    : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
        startConsumer(kind, unique("rcg"), topic, "*", c -> { }, listener);
        await().atMost(Duration.ofSeconds(45)).until(() -> deliveries.size() >= 2);
        assertEquals(List.of(0, 1), deliveries.subList(0, 2));
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void aSuspendedConsumerCatchesUpWhenResumed(ClusterKind kind) throws Exception {
        String topic = unique("PushSuspend");
        producer = startProducer(kind);
        producer.send(message(topic, "TagA", "first"));
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = startConsumer(kind, unique("scg"), topic, "*", c -> { },
                concurrently(received));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("first"));
        consumer.suspend();
        Set<String> sent = sendNumbered(topic, "s", 0, 10);
        consumer.resume();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(sent));
    }

    private static void broadcasting(DefaultMQPushConsumer c, String instance) {
        c.setMessageModel(MessageModel.BROADCASTING);
        c.setInstanceName(instance);
    }

    private Set<String> sendNumbered(String topic, String prefix, int from, int to) throws Exception {
        Set<String> sent = new HashSet<>();
        for (int i = from; i < to; i++) {
            producer.send(message(topic, "TagA", prefix + i));
            sent.add(prefix + i);
        }
        return sent;
    }

    private DefaultMQProducer startProducer(ClusterKind kind) throws Exception {
        DefaultMQProducer p = configure(new DefaultMQProducer(unique("pg")), kind);
        p.start();
        return p;
    }

    private DefaultMQPushConsumer startConsumer(ClusterKind kind, String group, String topic, String expression,
            Consumer<DefaultMQPushConsumer> customizer, Object listener) throws Exception {
        DefaultMQPushConsumer consumer = configure(new DefaultMQPushConsumer(group), kind);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeThreadMin(4);
        consumer.setConsumeThreadMax(4);
        consumer.subscribe(topic, expression);
        if (listener instanceof MessageListenerOrderly orderly) {
            consumer.registerMessageListener(orderly);
        } else {
            consumer.registerMessageListener((MessageListenerConcurrently) listener);
        }
        customizer.accept(consumer);
        consumer.start();
        consumers.add(consumer);
        return consumer;
    }

    private static MessageListenerConcurrently concurrently(Set<String> received) {
        return (msgs, context) -> {
            msgs.forEach(m -> received.add(body(m)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
    }

    private static MessageListenerConcurrently recording(Map<String, String> receivedBy, String who) {
        return (msgs, context) -> {
            msgs.forEach(m -> receivedBy.put(body(m), who));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
    }

    static Message message(String topic, String tag, String body) {
        Message m = new Message(topic, body.getBytes(StandardCharsets.UTF_8));
        m.setTags(tag);
        m.setKeys(body);
        return m;
    }

    static String body(MessageExt m) {
        return new String(m.getBody(), StandardCharsets.UTF_8);
    }

    static SendCallback ignoring() {
        return new SendCallback() {
            @Override
            public void onSuccess(SendResult sendResult) {
            }

            @Override
            public void onException(Throwable e) {
                throw new AssertionError("async send failed", e);
            }
        };
    }
}
