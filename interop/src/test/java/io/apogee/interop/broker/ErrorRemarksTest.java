package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.TestCluster;
import java.time.Duration;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The remarks the official 4.9.8 client receives (and logs) from our broker say what to do. */
class ErrorRemarksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "RemarkTopic";
    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().brokerProperty("autoCreateSubscriptionGroup", "false").start();
        admin = ApacheClients.admin(cluster.namesrvAddr());
        admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a"), new TopicConfig(TOPIC, 1, 1, 6));
        await().atMost(WAIT).ignoreExceptions().until(() -> !admin.examineTopicRouteInfo(TOPIC).getQueueDatas()
                .isEmpty());
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

    @Test
    void aPullOfAGroupThatDoesNotExistNamesTheKeyAndTheCommand() throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("NoSuchGroup");
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setInstanceName("remarks-" + ProcessHandle.current().pid());
        consumer.start();
        try {
            MQBrokerException e = assertThrows(MQBrokerException.class,
                    () -> consumer.pull(new MessageQueue(TOPIC, "broker-a", 0), "*", 0, 32, 10_000));
            assertEquals(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, e.getResponseCode());
            String remark = e.getErrorMessage();
            assertTrue(remark.startsWith("subscription group [NoSuchGroup] does not exist"), remark);
            assertTrue(remark.contains("autoCreateSubscriptionGroup=false") && remark.contains(
                    "mqadmin updateSubGroup -c " + cluster.clusterName() + " -g NoSuchGroup"), remark);
        } finally {
            consumer.shutdown();
        }
    }
}
