package io.apogee.client.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.impl.api.PullResult;
import io.apogee.client.impl.api.PullStatus;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.TopicConfig;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RocketMQ 4.9's pull consumer against an embedded NameServer and broker. */
@SuppressWarnings("deprecation")
class DefaultMQPullConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;
    private static DefaultMQProducer producer;
    private static DefaultMQPullConsumer consumer;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().brokerProperty("enablePropertyFilter", "true").start();
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.setInstanceName("PullTestAdmin");
        admin.start();
        producer = new DefaultMQProducer("pull-test-producer");
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.setInstanceName("PullTestProducer");
        producer.start();
        consumer = new DefaultMQPullConsumer("pull-test-group");
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setInstanceName("PullTestConsumer");
        consumer.start();
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Creates {@code topic} with one queue and waits until its route is on the NameServer. */
    private static MessageQueue topicWithOneQueue(String topic) throws Exception {
        admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a"),
                TopicConfig.withDefaults(topic).withQueueNums(1, 1));
        await().atMost(WAIT).ignoreExceptions().until(() -> consumer.fetchSubscribeMessageQueues(topic).size() == 1);
        return consumer.fetchSubscribeMessageQueues(topic).iterator().next();
    }

    private static void send(String topic, String tags, String body) {
        await().atMost(WAIT).ignoreExceptions().until(() -> producer.send(new Message(topic, tags,
                body.getBytes(StandardCharsets.UTF_8))).getSendStatus() == SendStatus.SEND_OK);
    }

    /** A callback completing {@code future} with the pull's result or failure. */
    private static PullCallback completing(CompletableFuture<PullResult> future) {
        return new PullCallback() {
            @Override
            public void onSuccess(PullResult pullResult) {
                future.complete(pullResult);
            }

            @Override
            public void onException(Throwable e) {
                future.completeExceptionally(e);
            }
        };
    }

    private static List<String> bodies(PullResult result) {
        return result.messages().stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void pullFindsSentMessagesAndItsOffsetsAdvance() throws Exception {
        MessageQueue mq = topicWithOneQueue("PullFinds");
        assertEquals(Set.of(mq), consumer.fetchSubscribeMessageQueues("PullFinds"));
        PullResult empty = consumer.pull(mq, "*", 0, 32);
        assertEquals(PullStatus.NO_NEW_MSG, empty.getPullStatus());
        assertNull(empty.getMsgFoundList());
        for (int i = 0; i < 5; i++) {
            send("PullFinds", i % 2 == 0 ? "even" : "odd", "m" + i);
        }
        PullResult first = consumer.pull(mq, "*", 0, 3);
        assertEquals(PullStatus.FOUND, first.getPullStatus());
        assertEquals(List.of("m0", "m1", "m2"), bodies(first));
        assertEquals(3, first.getNextBeginOffset());
        assertEquals(5, first.getMaxOffset());
        PullResult rest = consumer.pull(mq, "*", first.getNextBeginOffset(), 32, 10_000);
        assertEquals(List.of("m3", "m4"), bodies(rest));
        assertEquals(5, rest.getNextBeginOffset());
        assertEquals(PullStatus.NO_NEW_MSG, consumer.pull(mq, "*", 5, 32).getPullStatus());

        PullResult even = consumer.pull(mq, "even", 0, 32);
        assertEquals(List.of("m0", "m2", "m4"), bodies(even), "tag filter");
        assertEquals(5, even.getNextBeginOffset());

        CompletableFuture<PullResult> async = new CompletableFuture<>();
        consumer.pull(mq, "odd", 0, 32, completing(async));
        assertEquals(List.of("m1", "m3"), bodies(async.get(30, TimeUnit.SECONDS)));
    }

    @Test
    void pullWithAMessageSelectorFiltersByTagOrSql() throws Exception {
        MessageQueue mq = topicWithOneQueue("PullSelected");
        for (int i = 0; i < 4; i++) {
            Message msg = new Message("PullSelected", i % 2 == 0 ? "even" : "odd",
                    ("s" + i).getBytes(StandardCharsets.UTF_8));
            msg.putUserProperty("n", Integer.toString(i));
            await().atMost(WAIT).ignoreExceptions().until(() -> producer.send(msg).getSendStatus() == SendStatus.SEND_OK);
        }
        assertEquals(List.of("s1", "s3"), bodies(consumer.pull(mq, MessageSelector.byTag("odd"), 0, 32)));
        assertEquals(List.of("s2", "s3"), bodies(consumer.pull(mq, MessageSelector.bySql("n >= 2"), 0, 32, 10_000)),
                "the broker evaluates the SQL92 condition");
        CompletableFuture<PullResult> async = new CompletableFuture<>();
        consumer.pull(mq, MessageSelector.bySql("n = 0"), 0, 32, completing(async));
        assertEquals(List.of("s0"), bodies(async.get(30, TimeUnit.SECONDS)));
        assertThrows(MQClientException.class, () -> consumer.pull(mq, MessageSelector.bySql(" "), 0, 32));
    }

    @Test
    void aMessageIsSentBackOnBehalfOfAnotherGroup() throws Exception {
        MessageQueue mq = topicWithOneQueue("PullSentBack");
        send("PullSentBack", "t", "back");
        MessageExt msg = consumer.pull(mq, "*", 0, 1).messages().get(0);
        consumer.sendMessageBack(msg, -1, null, "pull-other-group");
        await().atMost(WAIT).ignoreExceptions().until(() -> admin.examineTopicStats("%DLQ%pull-other-group")
                .getOffsetTable().values().stream().mapToLong(o -> o.getMaxOffset()).sum() == 1);
    }

    @Test
    void pullBlockIfNotFoundWaitsUntilAMessageArrives() throws Exception {
        MessageQueue mq = topicWithOneQueue("PullBlocks");
        ExecutorService pulling = Executors.newSingleThreadExecutor();
        try {
            long started = System.nanoTime();
            Future<PullResult> held = pulling.submit(() -> consumer.pullBlockIfNotFound(mq, "*", 0, 32));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !held.isDone());
            send("PullBlocks", "t", "late");
            PullResult result = held.get(30, TimeUnit.SECONDS);
            assertEquals(PullStatus.FOUND, result.getPullStatus());
            assertEquals(List.of("late"), bodies(result));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis < consumer.getBrokerSuspendMaxTimeMillis(),
                    "answered when the message arrived, not at the end of the hold: " + tookMillis + " ms");
        } finally {
            pulling.shutdownNow();
        }
    }

    @Test
    void consumeOffsetsRoundTripThroughTheBroker() throws Exception {
        MessageQueue mq = topicWithOneQueue("PullOffsets");
        for (int i = 0; i < 4; i++) {
            send("PullOffsets", "t", "o" + i);
        }
        assertEquals(0, consumer.fetchConsumeOffset(mq, true),
                "nothing stored yet: the broker answers 0 for a queue that still starts at 0, as RocketMQ's does");
        PullResult result = consumer.pull(mq, "*", 0, 2);
        consumer.updateConsumeOffset(mq, result.getNextBeginOffset());
        assertEquals(2, consumer.fetchConsumeOffset(mq, false));
        consumer.persist(mq);
        await().atMost(WAIT).until(() -> consumer.fetchConsumeOffset(mq, true) == 2);
        MessageExt third = consumer.pull(mq, "*", consumer.fetchConsumeOffset(mq, false), 1).messages().get(0);
        assertEquals("o2", new String(third.getBody(), StandardCharsets.UTF_8));
        assertDoesNotThrow(() -> consumer.sendMessageBack(third, 3), "the storing broker took it back");
        assertDoesNotThrow(() -> consumer.sendMessageBack(third, 3, "broker-a"), "broker-a's master took it back");
        assertThrows(MQClientException.class, () -> consumer.sendMessageBack(third, 3, "no-such-broker"));
    }

    @Test
    void aRegisteredTopicIsRebalancedAndTheListenerToldOfTheShare() throws Exception {
        admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a"),
                TopicConfig.withDefaults("PullRebalanced").withQueueNums(2, 2));
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> consumer.fetchSubscribeMessageQueues("PullRebalanced").size() == 2);
        Set<MessageQueue> all = consumer.fetchSubscribeMessageQueues("PullRebalanced");
        CompletableFuture<Set<MessageQueue>> divided = new CompletableFuture<>();
        DefaultMQPullConsumer balanced = new DefaultMQPullConsumer("pull-test-balanced");
        balanced.setNamesrvAddr(cluster.namesrvAddr());
        balanced.setInstanceName("PullTestBalanced");
        balanced.registerMessageQueueListener("PullRebalanced", (topic, mqAll, mqDivided) -> {
            assertEquals(all, mqAll);
            divided.complete(mqDivided);
        });
        balanced.start();
        try {
            assertEquals(all, divided.get(30, TimeUnit.SECONDS), "the only consumer of its group owns every queue");
            assertEquals(all, balanced.fetchMessageQueuesInBalance("PullRebalanced"));
        } finally {
            balanced.shutdown();
        }
    }

    @Test
    void badArgumentsAndAStoppedConsumerAreRefused() throws Exception {
        MessageQueue mq = new MessageQueue("PullArgs", "broker-a", 0);
        assertEquals("CODE: -1 DESC: mq is null", assertThrows(MQClientException.class,
                () -> consumer.pull(null, "*", 0, 1)).getMessage());
        assertEquals("CODE: -1 DESC: offset < 0", assertThrows(MQClientException.class,
                () -> consumer.pull(mq, "*", -1, 1)).getMessage());
        assertEquals("CODE: -1 DESC: maxNums <= 0", assertThrows(MQClientException.class,
                () -> consumer.pull(mq, "*", 0, 0)).getMessage());
        DefaultMQPullConsumer stopped = new DefaultMQPullConsumer("pull-test-stopped");
        assertThrows(MQClientException.class, () -> stopped.pull(mq, "*", 0, 1));
    }
}
