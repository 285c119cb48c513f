package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.AdminSide;
import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.interop.fixture.Sides;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
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
import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.body.BrokerStatsData;
import org.apache.rocketmq.common.protocol.body.CMResult;
import org.apache.rocketmq.common.protocol.body.ConsumeMessageDirectlyResult;
import org.apache.rocketmq.common.protocol.body.ConsumerOffsetSerializeWrapper;
import org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper;
import org.apache.rocketmq.common.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.common.sysflag.TopicSysFlag;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.store.schedule.DelayOffsetSerializeWrapper;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The request codes of issue 14 that no other interop class sends to both implementations, sent with Apache's 4.9.8
 * client classes to Apache RocketMQ 4.9.7's servers and ours: the whole topic, group, consumer offset and delay
 * offset tables (21, 201, 43, 45), the NameServer's topic lists by cluster, system, unit and unit-subscriber flags
 * (224, 304 with the broker's 305, 311-313), QUERY_TOPIC_CONSUME_BY_WHO and VIEW_BROKER_STATS_DATA (300, 315), batch
 * sends, queue offsets and times, direct consumption and KV lists (320, 31, 32, 29, 309, 219), an online group's
 * offsets reset by time (222 relayed as 220), a half
 * message checked {@code transactionCheckMax} times moved to {@code TRANS_CHECK_MAX_TIME_TOPIC} and brought back by
 * RESUME_CHECK_HALF_MESSAGE (323), and the legacy codes the 4.9.8 client never sends answered alike.
 */
class AdminRequestParityTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String BROKER = "broker-a";
    private static final String TOPIC = "ParityTopic";
    private static final String UNIT_TOPIC = "ParityUnitTopic";
    private static final String UNIT_SUB_TOPIC = "ParityUnitSubTopic";
    private static final String GROUP = "ParityG";
    private static final String CHECK_MAX_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
    private static final long TIMEOUT = 10_000;
    private static final AtomicInteger NAMES = new AtomicInteger();
    /**
     * {@code transactionCheckMax=1}: a half message still unknown after one check-back is moved. {@link #TOPIC}
     * holds two messages in queue 0, {@link #GROUP} committed offset 1 there.
     */
    private static final Sides<AdminSide> SIDES = new Sides<>(kind -> kind.builder()
            .clusterName("Parity" + kind.name()).brokers(BROKER).brokerProperty("transactionCheckMax", "1"),
            (kind, cluster) -> setUp(cluster));

    private static AdminSide setUp(TestCluster cluster) throws Exception {
        AdminSide side = AdminSide.open(cluster, "parity-pg");
        String broker = side.broker(BROKER);
        DefaultMQAdminExt admin = side.admin();
        routed(admin, broker, new TopicConfig(TOPIC, 2, 2, 6));
        routed(admin, broker, flagged(UNIT_TOPIC, TopicSysFlag.buildSysFlag(true, false)));
        routed(admin, broker, flagged(UNIT_SUB_TOPIC, TopicSysFlag.buildSysFlag(false, true)));
        SubscriptionGroupConfig group = new SubscriptionGroupConfig();
        group.setGroupName(GROUP);
        admin.createAndUpdateSubscriptionGroupConfig(broker, group);
        for (int i = 0; i < 2; i++) {
            Message message = new Message(TOPIC, "TagA", ("m" + i).getBytes(StandardCharsets.UTF_8));
            assertEquals(SendStatus.SEND_OK, side.producer().send(message, new MessageQueue(TOPIC, BROKER, 0))
                    .getSendStatus());
        }
        admin.updateConsumeOffset(broker, GROUP, new MessageQueue(TOPIC, BROKER, 0), 1);
        return side;
    }

    /** Sends a request of {@code code} without header or body to {@code side}'s broker. */
    private static RemotingCommand invoke(AdminSide side, int code) throws Exception {
        return side.api().getRemotingClient().invokeSync(side.broker(BROKER),
                RemotingCommand.createRequestCommand(code, null), TIMEOUT);
    }

    /** Creates {@code config}'s topic on {@code broker}, waits until its route is served, and returns its name. */
    private static String routed(DefaultMQAdminExt admin, String broker, TopicConfig config) throws Exception {
        admin.createAndUpdateTopicConfig(broker, config);
        await().atMost(WAIT).ignoreExceptions().until(() -> !admin.examineTopicRouteInfo(config.getTopicName())
                .getQueueDatas().isEmpty());
        return config.getTopicName();
    }

    private static TopicConfig flagged(String topic, int sysFlag) {
        TopicConfig config = new TopicConfig(topic, 1, 1, 6);
        config.setTopicSysFlag(sysFlag);
        return config;
    }

    @AfterAll
    static void stop() throws Exception {
        SIDES.closeAll();
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void theWholeTopicGroupAndOffsetTablesAreServed(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        TopicConfigSerializeWrapper topics = side.admin().getAllTopicConfig(side.broker(BROKER), TIMEOUT);
        assertEquals(TopicSysFlag.buildSysFlag(true, false),
                topics.getTopicConfigTable().get(UNIT_TOPIC).getTopicSysFlag(), "GET_ALL_TOPIC_CONFIG");
        assertEquals(2, topics.getTopicConfigTable().get(TOPIC).getWriteQueueNums());
        assertNotNull(topics.getDataVersion());
        assertTrue(side.admin().getAllSubscriptionGroup(side.broker(BROKER), TIMEOUT).getSubscriptionGroupTable()
                .containsKey(GROUP), "GET_ALL_SUBSCRIPTIONGROUP_CONFIG");

        RemotingCommand offsets = invoke(side, RequestCode.GET_ALL_CONSUMER_OFFSET);
        assertEquals(0, offsets.getCode(), offsets.getRemark());
        assertEquals(Map.of(0, 1L), Map.copyOf(RemotingSerializable.decode(offsets.getBody(),
                ConsumerOffsetSerializeWrapper.class).getOffsetTable().get(TOPIC + "@" + GROUP)));

        Message delayed = new Message(TOPIC, "TagD", "delayed".getBytes(StandardCharsets.UTF_8));
        delayed.setDelayTimeLevel(1);
        assertEquals(SendStatus.SEND_OK, side.producer().send(delayed).getSendStatus());
        await("the delay offset of level 1 in GET_ALL_DELAY_OFFSET").atMost(WAIT).until(() -> {
            RemotingCommand delays = invoke(side, RequestCode.GET_ALL_DELAY_OFFSET);
            assertEquals(0, delays.getCode(), delays.getRemark());
            Long level1 = RemotingSerializable.decode(delays.getBody(), DelayOffsetSerializeWrapper.class)
                    .getOffsetTable().get(1);
            return level1 != null && level1 >= 1;
        });
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void theNameServerListsTopicsByClusterSystemAndUnitFlags(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        String cluster = side.cluster().clusterName();
        Set<String> ofCluster = side.admin().fetchTopicsByCLuster(cluster).getTopicList();
        assertTrue(ofCluster.containsAll(List.of(TOPIC, UNIT_TOPIC, UNIT_SUB_TOPIC)), "GET_TOPICS_BY_CLUSTER "
                + ofCluster);

        // 304 answers the cluster and broker names and a broker address, whose 305 the client adds
        Set<String> system = side.api().getSystemTopicList(TIMEOUT).getTopicList();
        assertTrue(system.containsAll(List.of(cluster, BROKER)), "GET_SYSTEM_TOPIC_LIST_FROM_NS " + system);
        Set<String> ofBroker = side.api().getSystemTopicListFromBroker(side.broker(BROKER), TIMEOUT).getTopicList();
        assertTrue(ofBroker.containsAll(List.of(cluster, BROKER, "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT")),
                "GET_SYSTEM_TOPIC_LIST_FROM_BROKER " + ofBroker);
        assertTrue(system.containsAll(ofBroker), system.toString());
        assertFalse(ofBroker.contains(TOPIC), ofBroker.toString());

        Set<String> unit = side.api().getUnitTopicList(false, TIMEOUT).getTopicList();
        Set<String> unitSub = side.api().getHasUnitSubTopicList(false, TIMEOUT).getTopicList();
        Set<String> unitSubNotUnit = side.api().getHasUnitSubUnUnitTopicList(false, TIMEOUT).getTopicList();
        assertEquals(Set.of(UNIT_TOPIC), Set.copyOf(unit), "GET_UNIT_TOPIC_LIST");
        assertEquals(Set.of(UNIT_SUB_TOPIC), Set.copyOf(unitSub), "GET_HAS_UNIT_SUB_TOPIC_LIST");
        assertEquals(Set.of(UNIT_SUB_TOPIC), Set.copyOf(unitSubNotUnit), "GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST");
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void whoConsumesATopicAndItsBrokerStats(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        assertTrue(side.admin().queryTopicConsumeByWho(TOPIC).getGroupList().contains(GROUP),
                "QUERY_TOPIC_CONSUME_BY_WHO: a group with an offset of the topic");
        BrokerStatsData puts = side.admin().viewBrokerStatsData(side.broker(BROKER), "TOPIC_PUT_NUMS", TOPIC);
        assertNotNull(puts.getStatsMinute(), "VIEW_BROKER_STATS_DATA");
        assertNotNull(puts.getStatsHour());
        assertNotNull(puts.getStatsDay());
        MQClientException none = assertThrows(MQClientException.class, () -> side.admin()
                .viewBrokerStatsData(side.broker(BROKER), "TOPIC_PUT_NUMS", "NoSuchParityTopic"));
        assertEquals(1, none.getResponseCode(), none.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void aHalfMessageCheckedTooOftenIsMovedAndResumeCheckBringsItBack(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        AtomicBoolean resumed = new AtomicBoolean();
        AtomicInteger checks = new AtomicInteger();
        TransactionListener listener = ApacheClients.transactionListener(msg -> LocalTransactionState.UNKNOW,
                msg -> {
                    checks.incrementAndGet();
                    return resumed.get() ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.UNKNOW;
                });
        Set<String> received = ConcurrentHashMap.newKeySet();
        TransactionMQProducer producer = ApacheClients.transactionProducer(side.namesrv(),
                "parity-tx-pg-" + NAMES.incrementAndGet(), listener);
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(side.namesrv(),
                "parity-tx-cg-" + NAMES.incrementAndGet());
        try {
            consumer.subscribe(TOPIC, "TagTx");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            TransactionSendResult sent = producer.sendMessageInTransaction(new Message(TOPIC, "TagTx",
                    "checked-too-often".getBytes(StandardCharsets.UTF_8)), null);
            assertEquals(LocalTransactionState.UNKNOW, sent.getLocalTransactionState());

            MessageExt parked = await("the half message in " + CHECK_MAX_TOPIC).atMost(WAIT).ignoreExceptions()
                    .until(() -> side.admin().viewMessage(CHECK_MAX_TOPIC, sent.getMsgId()), Objects::nonNull);
            assertEquals(CHECK_MAX_TOPIC, parked.getTopic());
            assertEquals(TOPIC, parked.getProperty("REAL_TOPIC"));
            assertEquals("checked-too-often", new String(parked.getBody(), StandardCharsets.UTF_8));
            assertEquals(1, checks.get(), "checked transactionCheckMax times, then moved");
            assertTrue(received.isEmpty(), received::toString);

            resumed.set(true);
            assertTrue(side.admin().resumeCheckHalfMessage(CHECK_MAX_TOPIC, sent.getMsgId()),
                    "RESUME_CHECK_HALF_MESSAGE");
            await("the resumed message committed by its check-back").atMost(WAIT)
                    .until(() -> received.contains("checked-too-often"));
            assertTrue(checks.get() >= 2, "checked again after the resume: " + checks.get());
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /**
     * SEND_BATCH_MESSAGE, GET_MIN_OFFSET, GET_EARLIEST_MSG_STORETIME, SEARCH_OFFSET_BY_TIMESTAMP,
     * CONSUME_MESSAGE_DIRECTLY (relayed to an online official consumer) and GET_KVLIST_BY_NAMESPACE.
     */
    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void batchesQueueTimesDirectConsumptionAndKvListsAnswerTheOfficialClients(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        String topic = routed(side.admin(), side.broker(BROKER), new TopicConfig("ParityBatchTopic", 1, 1, 6));
        long before = System.currentTimeMillis();
        SendResult batch = side.producer().send(List.of(new Message(topic, "b0".getBytes(StandardCharsets.UTF_8)),
                new Message(topic, "b1".getBytes(StandardCharsets.UTF_8)),
                new Message(topic, "b2".getBytes(StandardCharsets.UTF_8))));
        long after = System.currentTimeMillis();
        assertEquals(SendStatus.SEND_OK, batch.getSendStatus());
        String[] offsetIds = batch.getOffsetMsgId().split(",");
        assertEquals(3, offsetIds.length, batch.getOffsetMsgId());

        MessageQueue queue = new MessageQueue(topic, BROKER, 0);
        assertEquals(0, side.admin().minOffset(queue), "GET_MIN_OFFSET");
        assertEquals(3, side.admin().maxOffset(queue));
        long earliest = side.admin().earliestMsgStoreTime(queue);
        assertTrue(earliest >= before && earliest <= after, "GET_EARLIEST_MSG_STORETIME " + earliest + " not in ["
                + before + ", " + after + "]");
        assertEquals(0, side.admin().searchOffset(queue, before - 60_000), "SEARCH_OFFSET_BY_TIMESTAMP");

        String group = "parity-direct-cg-" + NAMES.incrementAndGet();
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(side.namesrv(), group);
        try {
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) ->
                    ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
            consumer.start();
            String clientId = await().atMost(WAIT).ignoreExceptions().until(() -> side.admin()
                    .examineConsumerConnectionInfo(group).getConnectionSet().iterator().next().getClientId(),
                    Objects::nonNull);
            ConsumeMessageDirectlyResult direct = side.admin().consumeMessageDirectly(group, clientId,
                    offsetIds[1]);
            assertEquals(CMResult.CR_SUCCESS, direct.getConsumeResult(), "CONSUME_MESSAGE_DIRECTLY " + direct);
        } finally {
            consumer.shutdown();
        }

        side.admin().createAndUpdateKvConfig("ParityNs", "k1", "v1");
        assertEquals(Map.of("k1", "v1"), Map.copyOf(side.admin().getKVListByNamespace("ParityNs").getTable()),
                "GET_KVLIST_BY_NAMESPACE");
        side.admin().deleteKvConfig("ParityNs", "k1");
    }

    /**
     * INVOKE_BROKER_TO_RESET_OFFSET of an online group: the broker answers the new offsets and has the consumer reset
     * them (RESET_CONSUMER_CLIENT_OFFSET), which then receives every message again.
     */
    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void resetOffsetByTimeRewindsAnOnlineConsumer(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        String topic = routed(side.admin(), side.broker(BROKER), new TopicConfig("ParityResetTopic", 2, 2, 6));
        String group = "parity-reset-cg-" + NAMES.incrementAndGet();
        AtomicInteger deliveries = new AtomicInteger();
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(side.namesrv(), group);
        try {
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> bodies.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                deliveries.addAndGet(msgs.size());
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            for (int i = 0; i < 6; i++) {
                side.producer().send(new Message(topic, ("r" + i).getBytes(StandardCharsets.UTF_8)));
            }
            await().atMost(WAIT).until(() -> deliveries.get() == 6);
            Map<MessageQueue, Long> offsets = await().atMost(WAIT).ignoreExceptions().until(() -> side.admin()
                    .resetOffsetByTimestamp(topic, group, 0L, true), table -> table.size() == 2);
            assertTrue(offsets.values().stream().allMatch(o -> o == 0L), offsets::toString);
            await().atMost(WAIT).until(() -> deliveries.get() >= 12);
            assertEquals(6, bodies.size(), bodies::toString);
        } finally {
            consumer.shutdown();
        }
    }

    /**
     * Codes of RocketMQ 4.9's {@code RequestCode} that its 4.9.8 client and tools never send (retired suspend,
     * resume, reset and thread-pool relays, WHO_CONSUME_THE_MESSAGE, TRIGGER_DELETE_FILES): each answered with the
     * same response code by both brokers.
     */
    @Test
    void codesTheClientNeverSendsAreAnsweredAlike() throws Exception {
        Map<Integer, Integer> apache = new TreeMap<>();
        Map<Integer, Integer> ours = new TreeMap<>();
        for (int code : new int[] {RequestCode.TRIGGER_DELETE_FILES, RequestCode.SUSPEND_CONSUMER,
                RequestCode.RESUME_CONSUMER, RequestCode.RESET_CONSUMER_OFFSET_IN_CONSUMER,
                RequestCode.RESET_CONSUMER_OFFSET_IN_BROKER, RequestCode.ADJUST_CONSUMER_THREAD_POOL,
                RequestCode.WHO_CONSUME_THE_MESSAGE}) {
            apache.put(code, invoke(SIDES.get(ClusterKind.APACHE), code).getCode());
            RemotingCommand answer = invoke(SIDES.get(ClusterKind.APOGEE), code);
            ours.put(code, answer.getCode());
            if (answer.getCode() == 3) {
                assertTrue(answer.getRemark() != null && answer.getRemark().contains(String.valueOf(code)),
                        "the refusal names the code: " + answer.getRemark());
            }
        }
        System.out.println("codes the 4.9.8 client never sends, code -> response code: Apache " + apache + ", ours "
                + ours);
        assertEquals(apache, ours);
    }
}
