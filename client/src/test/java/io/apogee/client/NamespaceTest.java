package io.apogee.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultLitePullConsumer;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListener;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendCallback;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.client.producer.TransactionMQProducer;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RocketMQ's namespaces end to end, against an embedded NameServer and broker: on the wire every topic and group of
 * a client with namespace {@code ns1} is {@code ns1%name} (retry topic {@code %RETRY%ns1%group}); the app sees its
 * own names in send results, queues, selectors and consumed messages.
 */
class NamespaceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "ns1";
    private static final String TOPIC = "NsOrders";

    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;
    private static DefaultMQProducer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().start();
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.setInstanceName("NamespaceAdmin");
        admin.start();
        producer = new DefaultMQProducer("ns-producer");
        producer.setNamespace(NS);
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.setInstanceName("NamespaceProducer");
        producer.start();
    }

    @AfterAll
    static void stop() {
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

    private static Message message(String body) {
        return new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendsUnderTheNamespaceAndAnswersWithTheAppsNames() throws Exception {
        assertEquals("ns1%ns-producer", producer.getProducerGroup());
        SendResult sent = producer.send(message("plain"));
        assertEquals(SendStatus.SEND_OK, sent.getSendStatus());
        assertEquals(TOPIC, sent.getMessageQueue().getTopic());
        assertNotNull(admin.examineTopicRouteInfo("ns1%" + TOPIC), "the broker holds the wrapped topic");

        List<MessageQueue> queues = producer.fetchPublishMessageQueues(TOPIC);
        assertFalse(queues.isEmpty());
        queues.forEach(q -> assertEquals(TOPIC, q.getTopic()));
        List<MessageQueue> seen = new CopyOnWriteArrayList<>();
        SendResult selected = producer.send(message("selected"), (mqs, msg, arg) -> {
            seen.addAll(mqs);
            return mqs.get(0);
        }, null);
        seen.forEach(q -> assertEquals(TOPIC, q.getTopic(), "selectors see the app's names"));
        assertEquals(queues.get(0), selected.getMessageQueue());
        SendResult direct = producer.send(message("direct"), queues.get(0));
        assertEquals(queues.get(0), direct.getMessageQueue());
    }

    @Test
    void asyncSendsWithTimeoutsSelectorsAndBatchesAnswerInTheAppsNames() throws Exception {
        MessageQueue first = producer.fetchPublishMessageQueues(TOPIC).get(0);
        Queue<SendResult> results = new ConcurrentLinkedQueue<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        SendCallback callback = new SendCallback() {
            @Override
            public void onSuccess(SendResult sendResult) {
                results.add(sendResult);
            }

            @Override
            public void onException(Throwable e) {
                failures.add(e);
            }
        };
        producer.send(message("async-mq"), first, callback, 10_000);
        producer.send(message("async-selected"), (mqs, msg, arg) -> mqs.get(0), null, callback, 10_000);
        producer.send(List.of(message("batch-1"), message("batch-2")), callback);
        producer.send(List.of(message("batch-3")), first, callback, 10_000);
        assertEquals(SendStatus.SEND_OK, producer.send(List.of(message("batch-4")), first, 10_000).getSendStatus());
        await().atMost(WAIT).until(() -> results.size() + failures.size() == 4);
        assertEquals(List.of(), List.copyOf(failures));
        results.forEach(r -> assertEquals(TOPIC, r.getMessageQueue().getTopic()));
        assertTrue(results.stream().filter(r -> r.getMessageQueue().equals(first)).count() >= 3,
                "the queue, the selected and the queue-batch sends landed on the first queue");
    }

    @Test
    void pushConsumerSeesItsOwnTopicNameAlsoOnRedelivery() throws Exception {
        String body = "redelivered-" + System.nanoTime();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("ns-billing");
        consumer.setNamespace(NS);
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setInstanceName("NamespacePush");
        consumer.subscribe(TOPIC, "*");
        Queue<MessageExt> deliveries = new ConcurrentLinkedQueue<>();
        AtomicInteger attempts = new AtomicInteger();
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            for (MessageExt m : msgs) {
                if (body.equals(new String(m.getBody(), StandardCharsets.UTF_8))) {
                    deliveries.add(m);
                    if (attempts.incrementAndGet() == 1) {
                        context.setDelayLevelWhenNextConsume(1);
                        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                    }
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            assertEquals("ns1%ns-billing", consumer.getConsumerGroup());
            assertTrue(consumer.getSubscription().containsKey("ns1%" + TOPIC));
            consumer.fetchSubscribeMessageQueues(TOPIC).forEach(q -> assertEquals(TOPIC, q.getTopic()));
            await().atMost(WAIT).ignoreExceptions().until(
                    () -> admin.examineConsumerConnectionInfo("ns1%ns-billing") != null);
            producer.send(message(body));
            await().atMost(WAIT).until(() -> deliveries.size() >= 2);
            for (MessageExt m : deliveries) {
                assertEquals(TOPIC, m.getTopic(), "first delivery and redelivery show the app's topic");
            }
            assertEquals(1, deliveries.stream().mapToInt(MessageExt::getReconsumeTimes).max().orElse(0));
            assertNotNull(admin.examineTopicRouteInfo("%RETRY%ns1%ns-billing"), "retry topic in the namespace");
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void pushConsumerSetUpBySettersSendsBackThroughItsNamespace() throws Exception {
        String body = "sent-back-" + System.nanoTime();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(NS, "ns-setters");
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setInstanceName("NamespaceSetters");
        consumer.setSubscription(Map.of(TOPIC, "*"));
        Queue<MessageExt> deliveries = new ConcurrentLinkedQueue<>();
        consumer.setMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            for (MessageExt m : msgs) {
                if (body.equals(new String(m.getBody(), StandardCharsets.UTF_8))) {
                    deliveries.add(m);
                    if (deliveries.size() == 1) {
                        try {
                            consumer.sendMessageBack(m, 1);
                        } catch (Exception e) {
                            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                        }
                    }
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            assertTrue(consumer.getSubscription().containsKey("ns1%" + TOPIC));
            await().atMost(WAIT).ignoreExceptions().until(
                    () -> admin.examineConsumerConnectionInfo("ns1%ns-setters") != null);
            producer.send(message(body));
            await().atMost(WAIT).until(() -> deliveries.size() >= 2);
            deliveries.forEach(m -> assertEquals(TOPIC, m.getTopic()));
            assertEquals(1, deliveries.stream().mapToInt(MessageExt::getReconsumeTimes).max().orElse(0));
        } finally {
            consumer.shutdown();
        }
        DefaultMQPushConsumer bare = new DefaultMQPushConsumer("ns-bare");
        bare.setNamesrvAddr(cluster.namesrvAddr());
        bare.subscribe(TOPIC, "*");
        bare.setMessageListener(new MessageListener() { });
        MQClientException refused = assertThrows(MQClientException.class, bare::start);
        assertTrue(refused.getMessage().contains("MessageListenerConcurrently"), refused.getMessage());
    }

    @Test
    void litePullConsumerAssignsAndPollsByTheAppsNames() throws Exception {
        String body = "lite-" + System.nanoTime();
        producer.send(message(body));
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("ns-lite");
        consumer.setNamespace(NS);
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setInstanceName("NamespaceLite");
        consumer.start();
        try {
            var queues = consumer.fetchMessageQueues(TOPIC);
            queues.forEach(q -> assertEquals(TOPIC, q.getTopic()));
            consumer.assign(queues);
            assertEquals(queues, consumer.assignment());
            for (MessageQueue q : queues) {
                consumer.seekToBegin(q);
            }
            Queue<MessageExt> polled = new ConcurrentLinkedQueue<>();
            await().atMost(WAIT).until(() -> {
                polled.addAll(consumer.poll(1000));
                return polled.stream().anyMatch(m -> body.equals(new String(m.getBody(), StandardCharsets.UTF_8)));
            });
            polled.forEach(m -> assertEquals(TOPIC, m.getTopic()));
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void producerAnswersRocketMqsAdminCallsInItsNamespace() throws Exception {
        producer.createTopic("TBW102", "NsCreated", 2);
        await().atMost(WAIT).ignoreExceptions().until(
                () -> admin.examineTopicRouteInfo("ns1%NsCreated").queueDatas().get(0).writeQueueNums() == 2);
        Message keyed = message("keyed");
        keyed.setKeys("ns-key-1");
        SendResult sent = producer.send(keyed);
        MessageQueue mq = sent.getMessageQueue();
        assertTrue(producer.maxOffset(mq) > sent.getQueueOffset());
        assertEquals(0, producer.minOffset(mq));
        assertTrue(producer.earliestMsgStoreTime(mq) > 0);
        assertEquals(0, producer.searchOffset(mq, 0));
        assertEquals("keyed", new String(producer.viewMessage(sent.getOffsetMsgId()).getBody(),
                StandardCharsets.UTF_8));
        assertEquals("keyed", new String(producer.viewMessage(TOPIC, sent.getMsgId()).getBody(),
                StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> producer.queryMessage(TOPIC, "ns-key-1", 32, 0, Long.MAX_VALUE)
                .getMessageList().size() == 1);
        MQClientException none = assertThrows(MQClientException.class,
                () -> producer.viewMessage(TOPIC, "00000000000000000000000000000000FFFF"));
        assertEquals(208, none.getResponseCode());
    }

    @Test
    void litePullCommitsExplicitOffsetsSearchesByTimeAndUnsubscribes() throws Exception {
        producer.send(message("lite-commit"));
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(NS, "ns-lite-commit", null);
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setInstanceName("NamespaceLiteCommit");
        assertThrows(IllegalStateException.class, consumer::poll, "RocketMQ's unchecked refusal before start");
        consumer.setAutoCommit(false);
        consumer.start();
        try {
            MessageQueue mq = consumer.fetchMessageQueues(TOPIC).iterator().next();
            consumer.assign(List.of(mq));
            assertEquals(0L, consumer.offsetForTimestamp(mq, 0L));
            consumer.commitSync(Map.of(mq, 1L), true);
            assertEquals(1L, consumer.committed(mq));
            consumer.commitSync(Map.of(new MessageQueue("NotOwned", "broker-a", 0), 5L), true);
            consumer.subscribe("NsOther", "*");
            consumer.unsubscribe("NsOther");
            assertEquals(Set.of(mq), consumer.assignment(), "unsubscribing another topic keeps the assignment");
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void configWrapsAndUnwrapsQueuesAndNames() {
        ClientConfig config = new ClientConfig();
        MessageQueue mq = new MessageQueue(TOPIC, "broker-a", 1);
        assertEquals(mq, config.queueWithNamespace(mq), "no namespace: unchanged");
        config.setNamespace(NS);
        assertEquals(new MessageQueue("ns1%" + TOPIC, "broker-a", 1), config.queueWithNamespace(mq));
        assertEquals(mq, config.queueWithoutNamespace(config.queueWithNamespace(mq)));
        assertEquals("ns1%g", config.withNamespace("g"));
        assertEquals("g", config.withoutNamespace("ns1%g"));
        assertNull(config.withNamespace((String) null));
        assertEquals(NS, config.cloneClientConfig().getNamespace());
        assertEquals(NS, new DefaultMQProducer(NS, "g").getNamespace());
        assertEquals(NS, new TransactionMQProducer(NS, "g").getNamespace());
        assertEquals(NS, new DefaultMQPushConsumer(NS, "g").getNamespace());
        assertEquals(NS, new DefaultLitePullConsumer(NS, "g", null).getNamespace());
        assertEquals("g", new DefaultMQPushConsumer(NS, "g").getConsumerGroup(), "wrapped at start, as RocketMQ does");
    }
}
