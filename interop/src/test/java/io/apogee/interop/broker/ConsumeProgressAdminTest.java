package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.admin.ConsumeStats;
import org.apache.rocketmq.common.admin.OffsetWrapper;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.ConsumeStatsList;
import org.apache.rocketmq.common.protocol.body.ProducerInfo;
import org.apache.rocketmq.common.protocol.body.QueryConsumeQueueResponseBody;
import org.apache.rocketmq.common.protocol.body.QueueTimeSpan;
import org.apache.rocketmq.common.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official 4.9.8 admin's consumption progress calls against our broker: fetchConsumeStatsInBroker
 * (GET_BROKER_CONSUME_STATS), queryConsumeTimeSpan, cloneGroupOffset, queryConsumeQueue and getAllProducerInfo.
 */
class ConsumeProgressAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "ProgressTopic";
    private static final long TIMEOUT = 10_000;
    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;
    private static DefaultMQProducer producer;
    private static String broker;

    /** Queue 0 holds 3 messages, queue 1 one; group ProgressG committed 2 and 1. */
    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().start();
        broker = cluster.brokerAddr("broker-a");
        admin = ApacheClients.admin(cluster.namesrvAddr());
        admin.createAndUpdateTopicConfig(broker, new TopicConfig(TOPIC, 2, 2, 6));
        // cloneGroupOffset finds the source group's brokers through its retry topic, as a consumer's would be.
        admin.createAndUpdateTopicConfig(broker, new TopicConfig("%RETRY%ProgressG", 1, 1, 6));
        for (String group : List.of("ProgressG", "ProgressK")) {
            SubscriptionGroupConfig config = new SubscriptionGroupConfig();
            config.setGroupName(group);
            admin.createAndUpdateSubscriptionGroupConfig(broker, config);
        }
        for (String topic : List.of(TOPIC, "%RETRY%ProgressG")) {
            await().atMost(WAIT).ignoreExceptions().until(() -> !admin.examineTopicRouteInfo(topic).getQueueDatas()
                    .isEmpty());
        }
        producer = ApacheClients.producer(cluster.namesrvAddr(), "ProgressProducer");
        for (int queueId : new int[] {0, 0, 0, 1}) {
            Message message = new Message(TOPIC, "TagA", "m".getBytes(StandardCharsets.UTF_8));
            assertEquals(SendStatus.SEND_OK, producer.send(message, queue(queueId)).getSendStatus());
        }
        // The client heartbeats every 30 s; once now so that the broker knows the producer at once.
        producer.getDefaultMQProducerImpl().getmQClientFactory().sendHeartbeatToAllBrokerWithLock();
        admin.updateConsumeOffset(broker, "ProgressG", queue(0), 2);
        admin.updateConsumeOffset(broker, "ProgressG", queue(1), 1);
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

    @Test
    void brokerConsumeStatsShowTheGroupsLag() throws Exception {
        ConsumeStatsList all = admin.fetchConsumeStatsInBroker(broker, false, TIMEOUT);
        assertEquals(broker, all.getBrokerAddr());
        List<ConsumeStats> ofG = statsOf(all, "ProgressG");
        assertEquals(1, ofG.size());
        OffsetWrapper queue0 = ofG.get(0).getOffsetTable().get(queue(0));
        assertEquals(3, queue0.getBrokerOffset());
        assertEquals(2, queue0.getConsumerOffset());
        assertTrue(all.getTotalDiff() >= 1, "totalDiff " + all.getTotalDiff());
    }

    @Test
    void consumeTimeSpanCoversEveryQueue() throws Exception {
        List<QueueTimeSpan> spans = admin.queryConsumeTimeSpan(TOPIC, "ProgressG");
        assertEquals(2, spans.size());
        for (QueueTimeSpan span : spans) {
            assertTrue(span.getMinTimeStamp() > 0 && span.getMaxTimeStamp() >= span.getMinTimeStamp(),
                    span.toString());
        }
    }

    @Test
    void cloneGroupOffsetCopiesTheOffsets() throws Exception {
        admin.cloneGroupOffset("ProgressG", "ProgressK", TOPIC, true);
        List<ConsumeStats> ofK = statsOf(admin.fetchConsumeStatsInBroker(broker, false, TIMEOUT), "ProgressK");
        assertEquals(1, ofK.size());
        assertEquals(2, ofK.get(0).getOffsetTable().get(queue(0)).getConsumerOffset());
    }

    @Test
    void consumeQueueListsTheEntries() throws Exception {
        QueryConsumeQueueResponseBody body = admin.queryConsumeQueue(broker, TOPIC, 0, 0, 10, "ProgressG");
        assertEquals(3, body.getQueueData().size());
        assertEquals(3, body.getMaxQueueIndex());
        assertEquals("TagA".hashCode(), body.getQueueData().get(0).getTagsCode());
        assertEquals("ProgressG@" + TOPIC + " is not online!", body.getFilterData());
    }

    @Test
    void allProducerInfoNamesTheProducer() throws Exception {
        Map<String, List<ProducerInfo>> table = admin.getAllProducerInfo(broker).getData();
        List<ProducerInfo> producers = table.get("ProgressProducer");
        assertEquals(1, producers.size(), table.toString());
        assertEquals(producer.buildMQClientId(), producers.get(0).getClientId());
    }

    private static MessageQueue queue(int queueId) {
        return new MessageQueue(TOPIC, "broker-a", queueId);
    }

    private static List<ConsumeStats> statsOf(ConsumeStatsList list, String group) {
        return list.getConsumeStatsList().stream().filter(entry -> entry.containsKey(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry of " + group)).get(group);
    }
}
