package io.apogee.client.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.QueryResult;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendResult;
import io.apogee.common.admin.RollbackStats;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RocketMQ 4.9's DefaultMQAdminExt calls by their own names, against an embedded NameServer and broker. */
class RocketMqAdminCallsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;
    private static DefaultMQProducer producer;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().start();
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.setInstanceName("AdminCallsAdmin");
        admin.start();
        producer = new DefaultMQProducer("admin-calls-producer");
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.setInstanceName("AdminCallsProducer");
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

    private static String broker() {
        return cluster.brokerAddr("broker-a");
    }

    private static void createTopic(String topic) throws Exception {
        admin.createAndUpdateTopicConfig(broker(), TopicConfig.withDefaults(topic).withQueueNums(2, 2));
        await().atMost(WAIT).ignoreExceptions().until(() -> admin.examineTopicRouteInfo(topic) != null);
    }

    @Test
    void topicsByClusterClusterListAndOneTopicsConfig() throws Exception {
        createTopic("AdminCallsTopic");
        assertTrue(admin.fetchTopicsByCLuster(cluster.clusterName()).topicList().contains("AdminCallsTopic"));
        assertEquals(Set.of(cluster.clusterName()), admin.getClusterList("AdminCallsTopic"));
        TopicConfig config = admin.examineTopicConfig(broker(), "AdminCallsTopic");
        assertEquals(2, config.getReadQueueNums());
        assertNull(admin.examineTopicConfig(broker(), "NoSuchTopicHere"));
        assertTrue(admin.getAllTopicConfig(broker(), 3000).topicConfigTable()
                .containsKey(SystemTopics.AUTO_CREATE_TOPIC_KEY));
        Set<String> user = admin.getUserTopicConfig(broker(), false, 3000).topicConfigTable().keySet();
        assertTrue(user.contains("AdminCallsTopic"), user::toString);
        assertFalse(user.stream().anyMatch(SystemTopics::isSystemTopic), user::toString);
    }

    @Test
    void userSubscriptionGroupsLeaveOutSystemGroups() throws Exception {
        for (String name : new String[] {"admin-calls-app-group", "CID_RMQ_SYS_ADMIN_CALLS"}) {
            SubscriptionGroupConfig group = new SubscriptionGroupConfig();
            group.setGroupName(name);
            admin.createAndUpdateSubscriptionGroupConfig(broker(), group);
        }
        Set<String> all = admin.getAllSubscriptionGroup(broker(), 3000).getSubscriptionGroupTable().keySet();
        assertTrue(all.containsAll(Set.of("admin-calls-app-group", "CID_RMQ_SYS_ADMIN_CALLS")), all::toString);
        Set<String> user = admin.getUserSubscriptionGroup(broker(), 3000).getSubscriptionGroupTable().keySet();
        assertTrue(user.contains("admin-calls-app-group"), user::toString);
        assertFalse(user.contains("CID_RMQ_SYS_ADMIN_CALLS"), user::toString);
        assertTrue(admin.fetchConsumeStatsInBroker(broker(), false, 3000).getConsumeStatsList() != null);
    }

    @Test
    void kvAndOrderConfigUnderRocketMqsNames() throws Exception {
        admin.createAndUpdateKvConfig("ADMIN_CALLS_NS", "k", "v");
        assertEquals("v", admin.getKVConfig("ADMIN_CALLS_NS", "k"));
        admin.deleteKvConfig("ADMIN_CALLS_NS", "k");
        assertNull(admin.getKVConfig("ADMIN_CALLS_NS", "k"));
        admin.createOrUpdateOrderConf("AdminCallsOrdered", "broker-a:4", true);
        assertEquals("broker-a:4", admin.getKVConfig("ORDER_TOPIC_CONFIG", "AdminCallsOrdered"));
    }

    @Test
    void writePermissionOnOneNameServerAndCleanUpsOfACluster() throws Exception {
        createTopic("AdminCallsPermTopic");
        try {
            assertTrue(admin.wipeWritePermOfBroker(cluster.namesrvAddr(), "broker-a") >= 1);
        } finally {
            assertTrue(admin.addWritePermOfBroker(cluster.namesrvAddr(), "broker-a") >= 1);
        }
        assertTrue(admin.cleanExpiredConsumerQueue(cluster.clusterName()));
        assertTrue(admin.cleanUnusedTopic(null));
        assertTrue(admin.deleteExpiredCommitLog(cluster.clusterName()));
    }

    @Test
    void viewMessageByEitherIdAndUpdateConsumeOffset() throws Exception {
        createTopic("AdminCallsView");
        Message message = new Message("AdminCallsView", "tag", "key-1", "hello".getBytes(StandardCharsets.UTF_8));
        SendResult sent = await().atMost(WAIT).ignoreExceptions().until(() -> producer.send(message), r -> true);
        await().atMost(WAIT).ignoreExceptions().until(
                () -> admin.viewMessage("AdminCallsView", sent.getMsgId()) != null);
        assertEquals("hello", new String(admin.viewMessage("AdminCallsView", sent.getMsgId()).getBody(),
                StandardCharsets.UTF_8));
        assertEquals(sent.getOffsetMsgId(), admin.viewMessage("AdminCallsView", sent.getOffsetMsgId())
                .getOffsetMsgId());
        MQClientException unknown = assertThrows(MQClientException.class,
                () -> admin.viewMessage("AdminCallsView", "not-an-id"));
        assertEquals(ResponseCode.NO_MESSAGE, unknown.getResponseCode());

        MessageQueue mq = sent.getMessageQueue();
        admin.updateConsumeOffset(broker(), "admin-calls-offsets", mq, 1);
        assertEquals(1, admin.queryConsumerOffset("admin-calls-offsets", mq));
        assertEquals(1, admin.maxOffset(mq));
        assertEquals(0, admin.minOffset(mq));
        long stored = admin.viewMessage("AdminCallsView", sent.getMsgId()).getStoreTimestamp();
        assertEquals(stored, admin.earliestMsgStoreTime(mq));
        assertTrue(admin.queryConsumeTimeSpan("AdminCallsView", "admin-calls-offsets").size() >= 1);
        // A message that is not a half message of a transaction: the broker refuses, the call says false.
        assertFalse(admin.resumeCheckHalfMessage(sent.getOffsetMsgId()));
        assertThrows(MQClientException.class, () -> admin.resumeCheckHalfMessage("not-an-id"));

        QueryResult byUniqKey = admin.queryMessageByUniqKey("AdminCallsView", sent.getMsgId(), 32, 0,
                Long.MAX_VALUE);
        assertEquals(1, byUniqKey.getMessageList().size());
        assertEquals(sent.getOffsetMsgId(), byUniqKey.getMessageList().get(0).getOffsetMsgId());
    }

    @Test
    void nameServerListNeedsNoCatchAndSaysWhenTheAdminIsNotStarted() {
        assertEquals(List.of(cluster.namesrvAddr()), admin.getNameServerAddressList());
        IllegalStateException notStarted = assertThrows(IllegalStateException.class,
                () -> new DefaultMQAdminExt().getNameServerAddressList());
        assertEquals("The admin is not started", notStarted.getMessage());
    }

    @Test
    void oldResetMovesOffsetsOnlyBackwardsUnlessForced() throws Exception {
        createTopic("AdminCallsResetOld");
        Message message = new Message("AdminCallsResetOld", "tag", "key", "x".getBytes(StandardCharsets.UTF_8));
        SendResult sent = await().atMost(WAIT).ignoreExceptions().until(() -> producer.send(message), r -> true);
        MessageQueue mq = sent.getMessageQueue();
        String group = "admin-calls-reset-old";

        List<RollbackStats> toEnd = admin.resetOffsetByTimestampOld(group, "AdminCallsResetOld", -1, false);
        RollbackStats stats = toEnd.stream().filter(r -> r.getQueueId() == mq.getQueueId()).findFirst().orElseThrow();
        assertEquals(1, stats.getTimestampOffset(), stats::toString);
        assertEquals(0, stats.getRollbackOffset(), "forward past the group's offset needs force: " + stats);

        admin.resetOffsetByTimestampOld(group, "AdminCallsResetOld", -1, true);
        assertEquals(1, admin.queryConsumerOffset(group, mq));

        List<RollbackStats> back = admin.resetOffsetByTimestampOld(group, "AdminCallsResetOld", 0, false);
        stats = back.stream().filter(r -> r.getQueueId() == mq.getQueueId()).findFirst().orElseThrow();
        assertEquals(1, stats.getConsumerOffset(), stats::toString);
        assertEquals(0, stats.getRollbackOffset(), "backwards needs no force: " + stats);
        assertEquals(0, admin.queryConsumerOffset(group, mq));
    }

    @Test
    void consumeStatusListsEachOnlineConsumersOffsets() throws Exception {
        createTopic("AdminCallsStatus");
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("admin-calls-status");
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setInstanceName("AdminCallsStatusConsumer");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("AdminCallsStatus", "*");
        consumer.registerMessageListener(
                (MessageListenerConcurrently) (msgs, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        consumer.start();
        try {
            SendResult sent = await().atMost(WAIT).ignoreExceptions().until(() -> producer.send(new Message(
                    "AdminCallsStatus", "s".getBytes(StandardCharsets.UTF_8))), r -> true);
            Map<String, Map<MessageQueue, Long>> status = await().atMost(WAIT).ignoreExceptions().until(
                    () -> admin.getConsumeStatus("AdminCallsStatus", "admin-calls-status", null),
                    s -> s.values().stream().anyMatch(o -> Long.valueOf(1).equals(o.get(sent.getMessageQueue()))));
            assertEquals(1, status.size(), "one online consumer: " + status);
            assertTrue(admin.getConsumeStatus("AdminCallsStatus", "admin-calls-status", "no-such-client").isEmpty());

            MessageExt stored = admin.viewMessage("AdminCallsStatus", sent.getMsgId());
            await().atMost(WAIT).ignoreExceptions().until(() -> trackOf(stored) == TrackType.CONSUMED);
            consumer.shutdown();
            await().atMost(WAIT).ignoreExceptions().until(() -> trackOf(stored) == TrackType.NOT_ONLINE);
        } finally {
            consumer.shutdown();
        }
    }

    private static TrackType trackOf(MessageExt msg) throws Exception {
        return admin.messageTrackDetail(msg).stream().filter(t -> t.getConsumerGroup().equals("admin-calls-status"))
                .findFirst().map(MessageTrack::getTrackType).orElse(null);
    }

    @Test
    void deleteTopicFromGivenBrokersAndNameServers() throws Exception {
        createTopic("AdminCallsDoomed");
        admin.deleteTopicInBroker(Set.of(broker()), "AdminCallsDoomed");
        admin.deleteTopicInNameServer(null, cluster.clusterName(), "AdminCallsDoomed");
        assertNull(admin.examineTopicConfig(broker(), "AdminCallsDoomed"));
        MQClientException gone = assertThrows(MQClientException.class,
                () -> admin.examineTopicRouteInfo("AdminCallsDoomed"));
        assertEquals(AdminResponseCode.TOPIC_NOT_EXIST, gone.getResponseCode());
    }
}
