package io.apogee.interop5;

import static io.apogee.interop5.SharedCluster.BROKER;
import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.admin;
import static io.apogee.interop5.SharedCluster.cluster;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.producer;
import static io.apogee.interop5.SharedCluster.pushConsumer;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Properties;
import java.util.Set;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.sysflag.TopicSysFlag;
import org.apache.rocketmq.remoting.protocol.body.BrokerStatsData;
import org.apache.rocketmq.remoting.protocol.body.CMResult;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.remoting.protocol.body.TopicConfigSerializeWrapper;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.body.QueueTimeSpan;
import org.apache.rocketmq.remoting.protocol.header.UpdateGroupForbiddenRequestHeader;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The official RocketMQ 5.3.3 admin (DefaultMQAdminExt) and raw 5.x requests against our NameServer and broker. */
@ExtendWith(SharedCluster.class)
class AdminTest {

    private static final int MESSAGES = 8;

    @Test
    void clusterTopicsAndRoutesAreExamined() throws Exception {
        String topic = newTopic("Admin5", 3);
        ClusterInfo clusterInfo = admin().examineBrokerClusterInfo();
        assertEquals(cluster().brokerAddr(BROKER), clusterInfo.getBrokerAddrTable().get(BROKER).selectBrokerAddr());
        assertTrue(clusterInfo.getClusterAddrTable().get(cluster().clusterName()).contains(BROKER));

        TopicRouteData route = admin().examineTopicRouteInfo(topic);
        assertEquals(3, route.getQueueDatas().get(0).getReadQueueNums());
        assertEquals(BROKER, route.getBrokerDatas().get(0).getBrokerName());
        assertTrue(admin().fetchAllTopicList().getTopicList().contains(topic));

        TopicConfig config = admin().examineTopicConfig(cluster().brokerAddr(BROKER), topic);
        assertEquals(topic, config.getTopicName());
        assertEquals(3, config.getWriteQueueNums());
    }

    @Test
    void statsTimeSpanConnectionsAndResetOffsetFollowAConsumer() throws Exception {
        String topic = newTopic("Stats5", 2);
        String group = unique("statscg");
        DefaultMQProducer producer = producer(unique("pg"));
        AtomicInteger consumed = new AtomicInteger();
        DefaultMQPushConsumer consumer = pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            consumed.addAndGet(messages.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            long beforeSends = System.currentTimeMillis();
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(new Message(topic, "S", ("s" + i).getBytes(StandardCharsets.UTF_8)));
            }
            TopicStatsTable stats = admin().examineTopicStats(topic);
            assertEquals(MESSAGES, stats.getOffsetTable().values().stream()
                    .mapToLong(s -> s.getMaxOffset() - s.getMinOffset()).sum());

            consumer.start();
            await().atMost(WAIT).until(() -> consumed.get() >= MESSAGES);
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                ConsumeStats committed = admin().examineConsumeStats(group);
                return committed.getOffsetTable().keySet().stream().filter(q -> q.getTopic().equals(topic))
                        .count() == 2 && committed.computeTotalDiff() == 0;
            });
            ConsumeStats consumeStats = admin().examineConsumeStats(group);
            assertEquals(MESSAGES, consumeStats.getOffsetTable().entrySet().stream()
                    .filter(e -> e.getKey().getTopic().equals(topic))
                    .mapToLong(e -> e.getValue().getConsumerOffset()).sum());

            List<QueueTimeSpan> spans = admin().queryConsumeTimeSpan(topic, group);
            assertEquals(2, spans.size());
            assertTrue(spans.stream().allMatch(s -> s.getMaxTimeStamp() >= s.getMinTimeStamp()));

            ConsumerConnection connection = admin().examineConsumerConnectionInfo(group);
            assertEquals(1, connection.getConnectionSet().size());
            assertTrue(connection.getSubscriptionTable().containsKey(topic));
            assertTrue(admin().queryTopicsByConsumer(group).getTopicList().contains(topic));
            SubscriptionData subscription = admin().querySubscription(group, topic);
            assertEquals(topic, subscription.getTopic());
            assertEquals("*", subscription.getSubString());
            SubscriptionGroupConfig groupConfig = admin().examineSubscriptionGroupConfig(
                    cluster().brokerAddr(BROKER), group);
            assertEquals(group, groupConfig.getGroupName());

            consumer.shutdown();
            Map<MessageQueue, Long> reset = admin().resetOffsetByTimestamp(topic, group, beforeSends, true);
            assertEquals(2, reset.size());
            await().atMost(WAIT).ignoreExceptions().until(() -> admin().examineConsumeStats(group)
                    .computeTotalDiff() == MESSAGES);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void topicAndGroupTablesAndTheNameServersTopicLists() throws Exception {
        String broker = cluster().brokerAddr(BROKER);
        String topic = newTopic("Tables5", 2);
        String unitTopic = unique("Unit5");
        TopicConfig unit = new TopicConfig(unitTopic, 1, 1, 6);
        unit.setTopicSysFlag(TopicSysFlag.buildSysFlag(true, false));
        admin().createAndUpdateTopicConfig(broker, unit);
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> !admin().examineTopicRouteInfo(unitTopic).getQueueDatas().isEmpty());
        String group = unique("tablescg");
        SubscriptionGroupConfig config = new SubscriptionGroupConfig();
        config.setGroupName(group);
        admin().createAndUpdateSubscriptionGroupConfig(broker, config);

        TopicConfigSerializeWrapper topics = admin().getAllTopicConfig(broker, 10_000);
        assertEquals(2, topics.getTopicConfigTable().get(topic).getWriteQueueNums(), "GET_ALL_TOPIC_CONFIG");
        assertEquals(TopicSysFlag.buildSysFlag(true, false),
                topics.getTopicConfigTable().get(unitTopic).getTopicSysFlag());
        assertTrue(admin().getAllSubscriptionGroup(broker, 10_000).getSubscriptionGroupTable().containsKey(group),
                "GET_ALL_SUBSCRIPTIONGROUP_CONFIG");

        MQClientAPIImpl api = admin().getDefaultMQAdminExtImpl().getMqClientInstance().getMQClientAPIImpl();
        assertTrue(admin().fetchTopicsByCLuster(cluster().clusterName()).getTopicList()
                .containsAll(List.of(topic, unitTopic)), "GET_TOPICS_BY_CLUSTER");
        assertTrue(api.getSystemTopicList(10_000).getTopicList().containsAll(List.of(cluster().clusterName(),
                BROKER)), "GET_SYSTEM_TOPIC_LIST_FROM_NS");
        assertTrue(api.getSystemTopicListFromBroker(broker, 10_000).getTopicList().contains("SELF_TEST_TOPIC"));
        Set<String> units = api.getUnitTopicList(false, 10_000).getTopicList();
        assertTrue(units.contains(unitTopic) && !units.contains(topic), "GET_UNIT_TOPIC_LIST " + units);

        MQClientException noPuts = assertThrows(MQClientException.class,
                () -> admin().viewBrokerStatsData(broker, "TOPIC_PUT_NUMS", topic));
        assertEquals("The stats <TOPIC_PUT_NUMS> <" + topic + "> not exist", noPuts.getErrorMessage());

        admin().deleteSubscriptionGroup(broker, group);
        assertFalse(admin().getAllSubscriptionGroup(broker, 10_000).getSubscriptionGroupTable().containsKey(group));
        admin().deleteTopic(unitTopic, cluster().clusterName());
        MQClientException gone = await().atMost(WAIT).until(() -> {
            try {
                admin().examineTopicRouteInfo(unitTopic);
                return null;
            } catch (MQClientException e) {
                return e;
            }
        }, Objects::nonNull);
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, gone.getResponseCode());
    }

    @Test
    void queueTimesBatchesDirectConsumptionRunningInfoAndBrokerConfig() throws Exception {
        String broker = cluster().brokerAddr(BROKER);
        String topic = newTopic("Queue5", 1);
        DefaultMQProducer producer = producer(unique("qpg"));
        String group = unique("qcg");
        DefaultMQPushConsumer consumer = pushConsumer(group);
        try {
            long before = System.currentTimeMillis();
            SendResult batch = producer.send(List.of(new Message(topic, "b0".getBytes(StandardCharsets.UTF_8)),
                    new Message(topic, "b1".getBytes(StandardCharsets.UTF_8)),
                    new Message(topic, "b2".getBytes(StandardCharsets.UTF_8))));
            long after = System.currentTimeMillis();
            String[] offsetIds = batch.getOffsetMsgId().split(",");
            assertEquals(3, offsetIds.length, batch.getOffsetMsgId());
            MessageQueue queue = new MessageQueue(topic, BROKER, 0);
            assertEquals(0, admin().minOffset(queue), "GET_MIN_OFFSET");
            assertEquals(3, admin().maxOffset(queue));
            long earliest = admin().earliestMsgStoreTime(queue);
            assertTrue(earliest >= before && earliest <= after, "GET_EARLIEST_MSG_STORETIME " + earliest);
            assertEquals(0, admin().searchOffset(queue, before - 60_000), "SEARCH_OFFSET_BY_TIMESTAMP");
            BrokerStatsData puts = admin().viewBrokerStatsData(broker, "TOPIC_PUT_NUMS", topic);
            assertNotNull(puts.getStatsMinute(), "VIEW_BROKER_STATS_DATA of a topic with puts");
            assertNotNull(puts.getStatsDay());

            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) ->
                    ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
            consumer.start();
            String clientId = await().atMost(WAIT).ignoreExceptions().until(() -> admin()
                    .examineConsumerConnectionInfo(group).getConnectionSet().iterator().next().getClientId(),
                    Objects::nonNull);
            assertEquals(CMResult.CR_SUCCESS, admin().consumeMessageDirectly(group, clientId, topic, offsetIds[1])
                    .getConsumeResult(), "CONSUME_MESSAGE_DIRECTLY");
            ConsumerRunningInfo running = await().atMost(WAIT).ignoreExceptions().until(() -> admin()
                    .getConsumerRunningInfo(group, clientId, false), info -> !info.getMqTable().isEmpty());
            assertTrue(running.getSubscriptionSet().stream().anyMatch(s -> s.getTopic().equals(topic)));
            await().atMost(WAIT).ignoreExceptions().until(() -> admin().examineProducerConnectionInfo(
                    producer.getProducerGroup(), topic).getConnectionSet().size() == 1);

            // A key no other test of the shared broker depends on, put back afterwards.
            String was = admin().getBrokerConfig(broker).getProperty("defaultQueryMaxNum");
            Properties update = new Properties();
            update.setProperty("defaultQueryMaxNum", "48");
            admin().updateBrokerConfig(broker, update);
            assertEquals("48", admin().getBrokerConfig(broker).getProperty("defaultQueryMaxNum"));
            update.setProperty("defaultQueryMaxNum", was);
            admin().updateBrokerConfig(broker, update);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void oneGroupConfigAndAnOfflineSubscriptionAreAnswered() throws Exception {
        String group = unique("cfgcg");
        SubscriptionGroupConfig created = new SubscriptionGroupConfig();
        created.setGroupName(group);
        created.setRetryMaxTimes(5);
        admin().createAndUpdateSubscriptionGroupConfig(cluster().brokerAddr(BROKER), created);
        MQClientAPIImpl api = admin().getDefaultMQAdminExtImpl().getMqClientInstance().getMQClientAPIImpl();

        SubscriptionGroupConfig read = api.getSubscriptionGroupConfig(cluster().brokerAddr(BROKER), group, 10_000);
        assertEquals(group, read.getGroupName());
        assertEquals(5, read.getRetryMaxTimes());
        MQBrokerException unknown = assertThrows(MQBrokerException.class,
                () -> api.getSubscriptionGroupConfig(cluster().brokerAddr(BROKER), unique("nocg"), 10_000));
        assertEquals(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, unknown.getResponseCode());
        assertEquals("No group in this broker", unknown.getErrorMessage());

        assertNull(api.querySubscriptionByConsumer(cluster().brokerAddr(BROKER), group, "NoSuchTopic", 10_000),
                "a group with no online consumer has no subscription, and RocketMQ answers success");
    }

    @Test
    void groupForbiddenIsRefusedNamingIt() {
        UpdateGroupForbiddenRequestHeader header = new UpdateGroupForbiddenRequestHeader();
        header.setGroup(unique("fcg"));
        header.setTopic("AnyTopic");
        header.setReadable(false);
        MQBrokerException refused = assertThrows(MQBrokerException.class, () -> admin().getDefaultMQAdminExtImpl()
                .getMqClientInstance().getMQClientAPIImpl()
                .updateAndGetGroupForbidden(cluster().brokerAddr(BROKER), header, 10_000));
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, refused.getResponseCode());
        assertEquals(" request type 353 (UPDATE_AND_GET_GROUP_FORBIDDEN, RocketMQ 5 only) not supported",
                refused.getErrorMessage());
    }

    @Test
    void fiveOnlyRequestsAreRefusedNamingThem() throws Exception {
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        try {
            Map<Integer, String> refused = Map.of(RequestCode.POP_MESSAGE, "POP_MESSAGE",
                    RequestCode.ACK_MESSAGE, "ACK_MESSAGE",
                    RequestCode.UPDATE_AND_CREATE_STATIC_TOPIC, "UPDATE_AND_CREATE_STATIC_TOPIC",
                    RequestCode.GET_TIMER_CHECK_POINT, "GET_TIMER_CHECK_POINT");
            for (Map.Entry<Integer, String> code : refused.entrySet()) {
                RemotingCommand response = client.invokeSync(cluster().brokerAddr(BROKER),
                        RemotingCommand.createRequestCommand(code.getKey(), null), 10_000);
                assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, response.getCode(), code.getValue());
                assertEquals(" request type " + code.getKey() + " (" + code.getValue()
                        + ", RocketMQ 5 only) not supported", response.getRemark());
            }
            RemotingCommand controller = client.invokeSync(cluster().namesrvAddr(),
                    RemotingCommand.createRequestCommand(RequestCode.CONTROLLER_GET_METADATA_INFO, null), 10_000);
            assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, controller.getCode());
            assertEquals(" request type 1005 (CONTROLLER_GET_METADATA_INFO, RocketMQ 5 only) not supported",
                    controller.getRemark());
        } finally {
            client.shutdown();
        }
    }
}
