package io.apogee.interop.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.trace.TraceBean;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.apache.rocketmq.client.trace.TraceType;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Message trace against Apache RocketMQ 4.9.7's servers and ours, each with {@code traceTopicEnable=true}: the
 * official 4.9.8 producer built with {@code enableMsgTrace=true} stores a {@code Pub} trace in
 * {@code RMQ_SYS_TRACE_TOPIC} that a key query by the message id finds; our traced producer and push consumer store
 * {@code Pub}, {@code SubBefore} and {@code SubAfter} records that Apache's {@code TraceDataEncoder} decodes to the
 * right fields.
 */
class MessageTraceInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String BROKER = "broker-a";
    private static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    private static final Map<ClusterKind, Side> SIDES = new EnumMap<>(ClusterKind.class);
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** One implementation's cluster, its admin client and a topic to trace messages of. */
    private record Side(TestCluster cluster, DefaultMQAdminExt admin, String topic) {
    }

    private static synchronized Side side(ClusterKind kind) {
        return SIDES.computeIfAbsent(kind, k -> {
            TestCluster cluster = k.builder().clusterName("Trace" + k.name()).brokers(BROKER)
                    .brokerProperty("traceTopicEnable", "true").start();
            try {
                DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
                String topic = "TracedTopic" + k.name();
                admin.createAndUpdateTopicConfig(cluster.brokerAddr(BROKER), new TopicConfig(topic, 2, 2, 6));
                await().atMost(WAIT).ignoreExceptions().until(() ->
                        !admin.examineTopicRouteInfo(topic).getQueueDatas().isEmpty()
                                && !admin.examineTopicRouteInfo(TRACE_TOPIC).getQueueDatas().isEmpty());
                return new Side(cluster, admin, topic);
            } catch (Exception e) {
                cluster.close();
                throw new IllegalStateException("cannot set up the " + k + " cluster", e);
            }
        });
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
    void theOfficialTracedProducerStoresAPubTraceFoundByTheMessageId(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String group = "trace-apache-pg-" + NAMES.incrementAndGet();
        DefaultMQProducer producer = new DefaultMQProducer(group, true);
        producer.setNamesrvAddr(side.cluster().namesrvAddr());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        try {
            SendResult sent = producer.send(new Message(side.topic(), "TagT", "apache-key",
                    "traced".getBytes(StandardCharsets.UTF_8)));
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());

            TraceContext pub = awaitContexts(side, sent.getMsgId(), Set.of(TraceType.Pub)).get(TraceType.Pub);
            TraceBean bean = pub.getTraceBeans().get(0);
            assertEquals(group, pub.getGroupName());
            assertEquals(side.topic(), bean.getTopic());
            assertEquals("TagT", bean.getTags());
            assertEquals("apache-key", bean.getKeys());
            assertEquals(sent.getOffsetMsgId(), bean.getOffsetMsgId());
            assertTrue(pub.isSuccess());
        } finally {
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void ourTracedClientsWriteRecordsApachesDecoderReads(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String namesrv = side.cluster().namesrvAddr();
        String producerGroup = "trace-our-pg-" + NAMES.incrementAndGet();
        String consumerGroup = "trace-our-cg-" + NAMES.incrementAndGet();
        io.apogee.client.producer.DefaultMQProducer producer =
                new io.apogee.client.producer.DefaultMQProducer(producerGroup, true);
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName(UUID.randomUUID().toString());
        io.apogee.client.consumer.DefaultMQPushConsumer consumer =
                new io.apogee.client.consumer.DefaultMQPushConsumer(consumerGroup, true);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setConsumeFromWhere(io.apogee.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(side.topic(), "TagO");
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        consumer.registerMessageListener((io.apogee.client.consumer.listener.MessageListenerConcurrently) (m, c) -> {
            m.forEach(msg -> consumed.add(msg.getMsgId()));
            return io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        producer.start();
        consumer.start();
        try {
            io.apogee.client.producer.SendResult sent = producer.send(new io.apogee.common.message.Message(
                    side.topic(), "TagO", "our-key-1 our-key-2", "ours".getBytes(StandardCharsets.UTF_8)));
            String msgId = sent.getMsgId();
            await().atMost(WAIT).until(() -> consumed.contains(msgId));

            Map<TraceType, TraceContext> found = awaitContexts(side, msgId,
                    Set.of(TraceType.Pub, TraceType.SubBefore, TraceType.SubAfter));
            TraceContext pub = found.get(TraceType.Pub);
            TraceBean bean = pub.getTraceBeans().get(0);
            assertEquals(producerGroup, pub.getGroupName());
            assertEquals(side.topic(), bean.getTopic());
            assertEquals("TagO", bean.getTags());
            assertEquals("our-key-1 our-key-2", bean.getKeys());
            assertEquals(side.cluster().brokerAddr(BROKER), bean.getStoreHost());
            assertEquals(sent.getOffsetMsgId(), bean.getOffsetMsgId());
            assertEquals(4, bean.getBodyLength());
            assertEquals("Normal_Msg", bean.getMsgType().name());
            assertTrue(pub.isSuccess());
            TraceContext before = found.get(TraceType.SubBefore);
            TraceContext after = found.get(TraceType.SubAfter);
            assertEquals(consumerGroup, before.getGroupName());
            assertEquals(0, before.getTraceBeans().get(0).getRetryTimes());
            assertEquals(before.getRequestId(), after.getRequestId());
            assertEquals(consumerGroup, after.getGroupName());
            assertEquals(msgId, after.getTraceBeans().get(0).getMsgId());
            assertEquals("our-key-1 our-key-2", after.getTraceBeans().get(0).getKeys());
            assertTrue(after.isSuccess());
            assertEquals(0, after.getContextCode());
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void ourBatchAndTransactionalSendsAreTracedAsApachesHooksTraceThem(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String producerGroup = "trace-our-tx-pg-" + NAMES.incrementAndGet();
        io.apogee.client.producer.TransactionMQProducer producer =
                new io.apogee.client.producer.TransactionMQProducer(producerGroup, null, true, null);
        producer.setNamesrvAddr(side.cluster().namesrvAddr());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setTransactionListener(new io.apogee.client.producer.TransactionListener() {
            @Override
            public io.apogee.client.producer.LocalTransactionState executeLocalTransaction(
                    io.apogee.common.message.Message msg, Object arg) {
                return io.apogee.client.producer.LocalTransactionState.COMMIT_MESSAGE;
            }

            @Override
            public io.apogee.client.producer.LocalTransactionState checkLocalTransaction(
                    io.apogee.common.message.MessageExt msg) {
                return io.apogee.client.producer.LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        producer.start();
        try {
            List<io.apogee.common.message.Message> batch = List.of(
                    new io.apogee.common.message.Message(side.topic(), "b0".getBytes(StandardCharsets.UTF_8)),
                    new io.apogee.common.message.Message(side.topic(), "b1".getBytes(StandardCharsets.UTF_8)));
            io.apogee.client.producer.SendResult batchSent = producer.send(batch);
            String[] batchIds = batchSent.getMsgId().split(",");
            assertEquals(2, batchIds.length, batchSent.getMsgId());
            for (String id : batchIds) {
                TraceBean bean = awaitContexts(side, id, Set.of(TraceType.Pub)).get(TraceType.Pub)
                        .getTraceBeans().get(0);
                assertEquals(batchSent.getMsgId(), bean.getMsgId(), "one Pub record of the batch, as Apache's");
                assertEquals(side.topic(), bean.getTopic());
            }

            io.apogee.client.producer.TransactionSendResult txSent = producer.sendMessageInTransaction(
                    new io.apogee.common.message.Message(side.topic(), "TagX", "tx-key",
                            "tx".getBytes(StandardCharsets.UTF_8)), null);
            Map<TraceType, TraceContext> found = awaitContexts(side, txSent.getMsgId(),
                    Set.of(TraceType.Pub, TraceType.EndTransaction));
            assertEquals("Trans_Msg_Half", found.get(TraceType.Pub).getTraceBeans().get(0).getMsgType().name());
            TraceContext end = found.get(TraceType.EndTransaction);
            TraceBean bean = end.getTraceBeans().get(0);
            assertEquals(producerGroup, end.getGroupName());
            assertEquals(side.topic(), bean.getTopic());
            assertEquals("TagX", bean.getTags());
            assertEquals("tx-key", bean.getKeys());
            assertEquals(side.cluster().brokerAddr(BROKER), bean.getStoreHost());
            assertEquals("Trans_msg_Commit", bean.getMsgType().name());
            assertEquals(txSent.getTransactionId(), bean.getTransactionId());
            assertEquals("COMMIT_MESSAGE", bean.getTransactionState().name());
            assertEquals(false, bean.isFromTransactionCheck());
        } finally {
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void theOfficialTracedPushConsumerStoresSubBeforeAndSubAfter(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String group = "trace-apache-cg-" + NAMES.incrementAndGet();
        DefaultMQProducer producer = ApacheClients.producer(side.cluster().namesrvAddr(),
                "trace-apache-plain-pg-" + NAMES.incrementAndGet());
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group, true);
        consumer.setNamesrvAddr(side.cluster().namesrvAddr());
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(side.topic(), "TagP");
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> consumed.add(m.getMsgId()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            String msgId = producer.send(new Message(side.topic(), "TagP", "push-key",
                    "pushed".getBytes(StandardCharsets.UTF_8))).getMsgId();
            await().atMost(WAIT).until(() -> consumed.contains(msgId));
            Map<TraceType, TraceContext> found = awaitContexts(side, msgId,
                    Set.of(TraceType.SubBefore, TraceType.SubAfter), group);
            assertEquals(found.get(TraceType.SubBefore).getRequestId(), found.get(TraceType.SubAfter).getRequestId());
            assertTrue(found.get(TraceType.SubAfter).isSuccess());
            assertEquals("push-key", found.get(TraceType.SubAfter).getTraceBeans().get(0).getKeys());
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /** RocketMQ 4.9.8's lite pull consumer traces each pull that finds messages; the official one and ours alike. */
    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void officialAndOurTracedLitePullConsumersTraceWhatTheyPull(ClusterKind kind) throws Exception {
        Side side = side(kind);
        String namesrv = side.cluster().namesrvAddr();
        DefaultMQProducer producer = new DefaultMQProducer("trace-lite-pg-" + NAMES.incrementAndGet());
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setSendMsgTimeout(10_000);
        String apacheGroup = "trace-lite-apache-cg-" + NAMES.incrementAndGet();
        DefaultLitePullConsumer apache = new DefaultLitePullConsumer(apacheGroup);
        apache.setNamesrvAddr(namesrv);
        apache.setInstanceName(UUID.randomUUID().toString());
        apache.setEnableMsgTrace(true);
        apache.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        apache.subscribe(side.topic(), "TagL");
        String ourGroup = "trace-lite-our-cg-" + NAMES.incrementAndGet();
        io.apogee.client.consumer.DefaultLitePullConsumer ours =
                new io.apogee.client.consumer.DefaultLitePullConsumer(ourGroup);
        ours.setNamesrvAddr(namesrv);
        ours.setInstanceName(UUID.randomUUID().toString());
        ours.setEnableMsgTrace(true);
        ours.setConsumeFromWhere(io.apogee.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        ours.subscribe(side.topic(), "TagL");
        producer.start();
        apache.start();
        ours.start();
        try {
            String msgId = producer.send(new Message(side.topic(), "TagL", "lite-key",
                    "lite".getBytes(StandardCharsets.UTF_8))).getMsgId();
            await().atMost(WAIT).until(() -> apache.poll(1_000).stream().anyMatch(m -> m.getMsgId().equals(msgId)));
            await().atMost(WAIT).until(() -> ours.poll(1_000).stream().anyMatch(m -> m.getMsgId().equals(msgId)));
            for (String group : List.of(apacheGroup, ourGroup)) {
                Map<TraceType, TraceContext> found = awaitContexts(side, msgId,
                        Set.of(TraceType.SubBefore, TraceType.SubAfter), group);
                assertEquals(found.get(TraceType.SubBefore).getRequestId(),
                        found.get(TraceType.SubAfter).getRequestId(), group);
                assertTrue(found.get(TraceType.SubAfter).isSuccess(), group);
                assertEquals("lite-key", found.get(TraceType.SubAfter).getTraceBeans().get(0).getKeys(), group);
            }
        } finally {
            ours.shutdown();
            apache.shutdown();
            producer.shutdown();
        }
    }

    private static Map<TraceType, TraceContext> awaitContexts(Side side, String msgId, Set<TraceType> types) {
        return awaitContexts(side, msgId, types, null);
    }

    /**
     * Waits until the trace messages a key query for {@code msgId} finds hold a record of each of {@code types}
     * about {@code msgId} (or about a batch that holds it), by {@code group} unless it is {@code null}, decoded by
     * Apache's decoder; the first of each type.
     */
    private static Map<TraceType, TraceContext> awaitContexts(Side side, String msgId, Set<TraceType> types,
            String group) {
        Map<TraceType, TraceContext> found = new EnumMap<>(TraceType.class);
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            found.clear();
            List<MessageExt> traces = new ArrayList<>(side.admin().queryMessage(TRACE_TOPIC, msgId, 32, 0,
                    Long.MAX_VALUE).getMessageList());
            for (MessageExt trace : traces) {
                for (TraceContext context : TraceDataEncoder.decoderFromTraceDataString(
                        new String(trace.getBody(), StandardCharsets.UTF_8))) {
                    String traced = context.getTraceBeans().get(0).getMsgId();
                    if (traced != null && Arrays.asList(traced.split(",")).contains(msgId)
                            && (group == null || group.equals(context.getGroupName()))) {
                        found.putIfAbsent(context.getTraceType(), context);
                    }
                }
            }
            return found.keySet().containsAll(types);
        });
        return found;
    }
}
