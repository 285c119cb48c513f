package io.apogee.tools.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.AdminResponseCode;
import io.apogee.client.admin.BrokerOverview;
import io.apogee.client.admin.ClusterOverview;
import io.apogee.client.admin.ConsumerProgress;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.admin.QueueProgress;
import io.apogee.client.admin.QueueStatus;
import io.apogee.client.admin.TopicStatus;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API's aggregate views, which mqadmin prints and the console shows, against our NameServer and broker. */
class AdminViewsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().start();
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.start();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.shutdown();
        }
        cluster.close();
    }

    @Test
    void theClusterOverviewHasEveryBrokerWithItsFigures() throws Exception {
        ClusterOverview overview = admin.clusterOverview();
        assertEquals(1, overview.brokers().size(), overview.toString());
        BrokerOverview broker = overview.brokers().get(0);
        assertEquals(cluster.clusterName(), broker.clusterName());
        assertEquals("broker-a", broker.brokerName());
        assertEquals(cluster.brokerAddr("broker-a"), broker.addr());
        assertTrue(broker.master() && broker.answered(), broker.toString());
        assertNull(broker.error());
        assertEquals("V4_9_8", broker.figures().version());
        assertTrue(broker.figures().inTps() >= 0 && broker.figures().diskRatio() >= 0, broker.toString());
        assertTrue(overview.unanswered().isEmpty());

        assertEquals(List.of(cluster.brokerAddr("broker-a")), admin.fetchMasterAddrByClusterName(
                cluster.clusterName()));
        assertEquals(List.of(), admin.fetchMasterAddrByClusterName("NoSuchCluster"));
    }

    @Test
    void topicStatusAndConsumerProgressFollowWhatIsSentAndConsumed() throws Exception {
        String topic = "ViewsTopic";
        String group = "ViewsCg";
        admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a"), TopicConfig.withDefaults(topic)
                .withQueueNums(2, 2));
        await().atMost(WAIT).until(() -> routed(topic));
        assertEquals(Set.of(cluster.clusterName()), admin.getTopicClusterList(topic));
        assertTrue(admin.fetchAllTopicList().topicList().contains(topic));

        DefaultMQProducer producer = new DefaultMQProducer("ViewsPg");
        producer.setNamesrvAddr(cluster.namesrvAddr());
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        try {
            producer.start();
            for (int i = 0; i < 4; i++) {
                producer.send(new Message(topic, ("view-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            TopicStatus status = admin.topicStatus(topic);
            assertEquals(List.of(0, 1), status.queues().stream().map(q -> q.queue().getQueueId()).toList());
            assertEquals(4, status.queues().stream().mapToLong(QueueStatus::maxOffset).sum());
            assertTrue(status.unanswered().isEmpty());

            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context)
                    -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
            consumer.start();
            await().atMost(WAIT).until(() -> admin.consumerProgress(group, topic).diffTotal()
                    .equals(OptionalLong.of(0)));
            ConsumerProgress progress = admin.consumerProgress(group, topic);
            assertEquals(group, progress.group());
            assertEquals(2, progress.queues().size(), progress.toString());
            assertEquals(4, progress.queues().stream().mapToLong(QueueProgress::consumerOffset).sum());
            assertTrue(progress.queues().stream().allMatch(q -> q.diff() == 0 && q.queue().getTopic().equals(topic)));
            assertTrue(progress.unanswered().isEmpty());
            assertTrue(admin.consumerProgress(group).queues().containsAll(progress.queues()),
                    "without a topic, every topic the group has offsets for");
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    @Test
    void aGroupWithoutARouteIsTopicNotExist() {
        MQClientException e = assertThrows(MQClientException.class, () -> admin.consumerProgress("NoSuchGroup"));
        assertEquals(AdminResponseCode.TOPIC_NOT_EXIST, e.getResponseCode());
    }

    private static boolean routed(String topic) throws InterruptedException {
        try {
            return !admin.examineTopicRouteInfo(topic).queueDatas().isEmpty();
        } catch (MQClientException | RemotingException e) {
            return false;
        }
    }
}
