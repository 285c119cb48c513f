package io.apogee.interop.namesrv;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two official Apache 4.9.7 brokers register with Apache's NameServer and ours side by side (as brokers register
 * with every NameServer); the official admin client must read the same cluster, topics and routes from both, and the
 * official producer must send through a route it got from ours. The last test stops a broker, which unregisters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApacheBrokerSideBySideTest {

    private static final String CLUSTER = "SideBySideCluster";
    private static final String TOPIC = "SideBySideTopic";

    private static TestCluster ours;
    private static TestCluster apache;
    private static DefaultMQAdminExt adminOfOurs;
    private static DefaultMQAdminExt adminOfApache;

    @BeforeAll
    static void start() throws Exception {
        ours = TestCluster.builder().brokers().start();
        apache = ClusterKind.APACHE.builder().clusterName(CLUSTER).brokers("broker-a", "broker-b")
                .alsoRegisterWith(ours.namesrvAddr()).start();
        adminOfOurs = ApacheClients.admin(ours.namesrvAddr());
        adminOfApache = ApacheClients.admin(apache.namesrvAddr());
    }

    @AfterAll
    static void stop() {
        if (adminOfApache != null) {
            adminOfApache.shutdown();
        }
        if (adminOfOurs != null) {
            adminOfOurs.shutdown();
        }
        if (apache != null) {
            apache.close();
        }
        if (ours != null) {
            ours.close();
        }
    }

    @Test
    @Order(1)
    void clusterTopicsAndRoutesAreTheSameAsApaches() throws Exception {
        // Apache's NameServer takes in a broker's topics a moment after the broker itself (seen on 4.9.7).
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> adminOfApache
                .examineTopicRouteInfo("TBW102").getQueueDatas().size() == 2);
        ClusterInfo expected = adminOfApache.examineBrokerClusterInfo();
        ClusterInfo actual = adminOfOurs.examineBrokerClusterInfo();
        assertEquals(Set.of("broker-a", "broker-b"), actual.getClusterAddrTable().get(CLUSTER));
        assertEquals(expected.getClusterAddrTable(), actual.getClusterAddrTable());
        assertEquals(expected.getBrokerAddrTable(), actual.getBrokerAddrTable());

        Set<String> topics = adminOfApache.fetchAllTopicList().getTopicList();
        assertTrue(topics.contains("TBW102"), topics.toString());
        assertEquals(topics, adminOfOurs.fetchAllTopicList().getTopicList());
        assertEquals(adminOfApache.fetchTopicsByCLuster(CLUSTER).getTopicList(),
                adminOfOurs.fetchTopicsByCLuster(CLUSTER).getTopicList());
        for (String topic : topics) {
            assertEquals(sorted(adminOfApache.examineTopicRouteInfo(topic)),
                    sorted(adminOfOurs.examineTopicRouteInfo(topic)), topic);
        }
    }

    @Test
    @Order(2)
    void theProducerSendsThroughARouteFromOurs() throws Exception {
        adminOfApache.createAndUpdateTopicConfig(apache.brokerAddr("broker-a"), new TopicConfig(TOPIC, 4, 4, 6));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> adminOfOurs.examineTopicRouteInfo(TOPIC) != null);

        int warningsBefore = ApacheClients.clientWarnings().size();
        DefaultMQProducer producer = new DefaultMQProducer("side_by_side_pg");
        producer.setNamesrvAddr(ours.namesrvAddr());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        try {
            List<MessageQueue> queues = producer.fetchPublishMessageQueues(TOPIC);
            assertEquals(4, queues.size());
            assertTrue(queues.stream().allMatch(q -> q.getBrokerName().equals("broker-a")), queues.toString());
            SendResult sent = producer.send(new Message(TOPIC, "hello".getBytes(StandardCharsets.UTF_8)));
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());
        } finally {
            producer.shutdown();
        }
        List<String> warnings = ApacheClients.clientWarnings();
        assertEquals(List.of(), warnings.subList(warningsBefore, warnings.size()), "the producer logged no warnings");
    }

    @Test
    @Order(3)
    void aStoppedBrokerUnregistersFromOurs() throws Exception {
        apache.stopBroker("broker-b");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !adminOfOurs.examineBrokerClusterInfo().getBrokerAddrTable().containsKey("broker-b"));
        assertEquals(Set.of("broker-a"), adminOfOurs.examineBrokerClusterInfo().getClusterAddrTable().get(CLUSTER));
        assertFalse(adminOfOurs.examineTopicRouteInfo("TBW102").getQueueDatas().stream()
                .anyMatch(q -> q.getBrokerName().equals("broker-b")));
    }

    /** The route with its lists in broker-name order; NameServers may list brokers in any order. */
    private static TopicRouteData sorted(TopicRouteData route) {
        List<QueueData> queues = new ArrayList<>(route.getQueueDatas());
        queues.sort(QueueData::compareTo);
        List<BrokerData> brokers = new ArrayList<>(route.getBrokerDatas());
        brokers.sort(BrokerData::compareTo);
        route.setQueueDatas(queues);
        route.setBrokerDatas(brokers);
        return route;
    }
}
