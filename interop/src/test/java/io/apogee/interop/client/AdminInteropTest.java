package io.apogee.interop.client;

import static io.apogee.interop.client.PushConsumerInteropTest.body;
import static io.apogee.interop.client.PushConsumerInteropTest.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendResult;
import io.apogee.common.admin.CMResult;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.admin.TopicOffset;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.route.ClusterInfo;
import io.apogee.common.route.QueueData;
import io.apogee.common.topic.TopicConfig;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.testsupport.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our admin API against each cluster: topics, groups, stats and lag, connections, consumer running info and direct
 * consumption (relayed by the broker to our consumer), queries, resets, config, KV.
 */
class AdminInteropTest extends ClientTestBase {

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void adminCallsSeeAndChangeTheCluster(ClusterKind kind) throws Exception {
        TestCluster cluster = cluster(kind);
        DefaultMQAdminExt admin = configure(new DefaultMQAdminExt(), kind);
        admin.start();
        DefaultMQProducer producer = configure(new DefaultMQProducer(unique("apg")), kind);
        DefaultMQPushConsumer consumer = configure(new DefaultMQPushConsumer(unique("acg")), kind);
        try {
            ClusterInfo info = admin.examineBrokerClusterInfo();
            assertTrue(info.brokerAddrTable().keySet().containsAll(BROKERS), info.toString());

            String topic = unique("Admin");
            String brokerA = cluster.brokerAddr("broker-a");
            admin.createAndUpdateTopicConfig(brokerA, TopicConfig.withDefaults(topic).withQueueNums(3, 3));
            assertEquals(3, routeQueues(admin, topic), "the broker answers a topic creation once it registered it:"
                    + " the route is there at once");
            assertTrue(admin.fetchAllTopicList().topicList().contains(topic));

            producer.start();
            SendResult last = null;
            for (int i = 0; i < 5; i++) {
                last = producer.send(message(topic, "TagA", "admin-" + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.examineTopicStats(topic).getOffsetTable()
                    .values().stream().mapToLong(TopicOffset::getMaxOffset).sum() == 5);
            assertEquals("admin-4", body(admin.viewMessage(last.getOffsetMsgId())));
            assertEquals("admin-4", body(admin.queryMessageByOffset(last.getMessageQueue(),
                    last.getQueueOffset())));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.queryMessage(topic, "admin-3", 32, 0, Long.MAX_VALUE).getMessageList().size() == 1);
            String uniqueKey = last.getMsgId();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.queryMessageByUniqueKey(topic, uniqueKey).size() == 1);

            List<String> consumed = new CopyOnWriteArrayList<>();
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> consumed.add(body(m)));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumed.size() >= 5);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    DefaultMQAdminExt.totalLag(admin.examineConsumeStats(consumer.getConsumerGroup(), topic)) == 0);
            assertEquals(1, admin.examineConsumerConnectionInfo(consumer.getConsumerGroup()).getConnectionSet()
                    .size());
            String clientId = admin.examineConsumerConnectionInfo(consumer.getConsumerGroup()).getConnectionSet()
                    .iterator().next().getClientId();
            assertFalse(admin.getConsumerRunningInfo(consumer.getConsumerGroup(), clientId).getMqTable().isEmpty());
            assertEquals(CMResult.CR_SUCCESS, admin.consumeMessageDirectly(consumer.getConsumerGroup(), clientId,
                    last.getOffsetMsgId()).getConsumeResult());
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.examineProducerConnectionInfo(
                    producer.getProducerGroup(), topic).getConnectionSet().size() == 1);

            Map<MessageQueue, Long> reset = admin.resetOffsetByTimestamp(topic, consumer.getConsumerGroup(), 0,
                    true);
            assertTrue(reset.values().stream().allMatch(offset -> offset == 0), reset.toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumed.size() >= 10);

            String group = unique("AdminGroup");
            SubscriptionGroupConfig groupConfig = new SubscriptionGroupConfig();
            groupConfig.setGroupName(group);
            groupConfig.setRetryMaxTimes(3);
            admin.createAndUpdateSubscriptionGroupConfig(brokerA, groupConfig);
            assertEquals(3, admin.examineSubscriptionGroupConfig(brokerA, group).getRetryMaxTimes());
            admin.deleteSubscriptionGroup(brokerA, group);
            assertNull(admin.examineSubscriptionGroupConfig(brokerA, group));

            Map<String, String> runtime = admin.fetchBrokerRuntimeStats(brokerA);
            assertTrue(runtime.containsKey("brokerVersionDesc"), runtime.keySet().toString());
            Properties brokerConfig = admin.getBrokerConfig(brokerA);
            assertEquals("broker-a", brokerConfig.getProperty("brokerName"));
            Properties update = new Properties();
            update.setProperty("maxMessageSize", "2097152");
            admin.updateBrokerConfig(brokerA, update);
            assertEquals("2097152", admin.getBrokerConfig(brokerA).getProperty("maxMessageSize"));

            admin.putKVConfig("ApogeeTest", "k1", "v1");
            assertEquals("v1", admin.getKVConfig("ApogeeTest", "k1"));
            assertEquals(Map.of("k1", "v1"), admin.getKVListByNamespace("ApogeeTest"));
            admin.deleteKVConfig("ApogeeTest", "k1");
            assertNull(admin.getKVConfig("ApogeeTest", "k1"));

            consumer.shutdown();
            admin.deleteTopic(topic, clusterName(info));
            await().atMost(Duration.ofSeconds(30)).until(() -> routeQueues(admin, topic) == 0);
            MQClientException gone = assertThrows(MQClientException.class, () -> admin.examineTopicRouteInfo(topic));
            assertEquals(17, gone.getResponseCode());
        } finally {
            consumer.shutdown();
            producer.shutdown();
            admin.shutdown();
        }
    }

    private static String clusterName(ClusterInfo info) {
        String name = info.clusterAddrTable().keySet().iterator().next();
        assertNotNull(name);
        return name;
    }

    private static int routeQueues(DefaultMQAdminExt admin, String topic) throws InterruptedException {
        try {
            return admin.examineTopicRouteInfo(topic).queueDatas().stream().mapToInt(QueueData::writeQueueNums)
                    .sum();
        } catch (MQClientException | RemotingException e) {
            return 0;
        }
    }
}
