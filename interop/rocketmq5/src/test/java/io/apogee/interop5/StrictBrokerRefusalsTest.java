package io.apogee.interop5;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.testsupport.TestCluster;
import java.util.UUID;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The refusals of a broker of ours that neither creates subscription groups nor filters by SQL92
 * ({@code autoCreateSubscriptionGroup=false}, {@code enablePropertyFilter=false}), as the official 5.3.3 clients see
 * them: RocketMQ's response codes with remarks that say what to change (the 4.9 suite's ErrorRemarksTest and
 * SqlFilterInteropTest with the 5.3.3 client). Its own cluster, since the shared one allows both.
 */
class StrictBrokerRefusalsTest {

    private static final String BROKER = "broker-strict";
    private static final String TOPIC = "StrictTopic5";
    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().clusterName("Strict5").brokers(BROKER)
                .brokerProperty("autoCreateSubscriptionGroup", "false")
                .brokerProperty("enablePropertyFilter", "false").start();
        admin = pointed(new DefaultMQAdminExt(10_000));
        admin.start();
        admin.createAndUpdateTopicConfig(cluster.brokerAddr(BROKER), new TopicConfig(TOPIC, 1, 1, 6));
        await().atMost(SharedCluster.WAIT).ignoreExceptions()
                .until(() -> !admin.examineTopicRouteInfo(TOPIC).getQueueDatas().isEmpty());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static <T extends ClientConfig> T pointed(T client) {
        client.setNamesrvAddr(cluster.namesrvAddr());
        client.setInstanceName(UUID.randomUUID().toString());
        return client;
    }

    @Test
    void aPullOfAGroupThatDoesNotExistNamesTheGroupAndTheCommand() throws Exception {
        DefaultMQPullConsumer consumer = pointed(new DefaultMQPullConsumer("NoSuchGroup5"));
        consumer.start();
        try {
            MQBrokerException e = assertThrows(MQBrokerException.class,
                    () -> consumer.pull(new MessageQueue(TOPIC, BROKER, 0), "*", 0, 32, 10_000));
            assertEquals(26, e.getResponseCode(), "SUBSCRIPTION_GROUP_NOT_EXIST");
            String remark = e.getErrorMessage();
            assertTrue(remark.startsWith("subscription group [NoSuchGroup5] does not exist"), remark);
            assertTrue(remark.contains("autoCreateSubscriptionGroup=false") && remark.contains(
                    "mqadmin updateSubGroup -c Strict5 -g NoSuchGroup5"), remark);
        } finally {
            consumer.shutdown();
        }
    }

    @Test
    void aSql92SubscriptionFailsThePushConsumersStartWhilePropertyFilteringIsOff() throws Exception {
        DefaultMQPushConsumer consumer = pointed(new DefaultMQPushConsumer("SqlOff5"));
        consumer.subscribe(TOPIC, MessageSelector.bySql("a > 1"));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) ->
                ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        try {
            MQClientException refused = assertThrows(MQClientException.class, consumer::start);
            assertEquals(1, refused.getResponseCode(), refused.getMessage());
            assertTrue(refused.getErrorMessage().startsWith(
                    "The broker does not support consumer to filter message by SQL92"), refused.getErrorMessage());
            assertTrue(refused.getErrorMessage().contains("set enablePropertyFilter=true"),
                    refused.getErrorMessage());
        } finally {
            consumer.shutdown();
        }
    }
}
