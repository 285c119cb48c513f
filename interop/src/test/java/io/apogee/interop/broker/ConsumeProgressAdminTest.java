package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.AdminSide;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.interop.fixture.Sides;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official 4.9.8 admin's consumption progress calls against Apache RocketMQ 4.9.7's servers and ours:
 * fetchConsumeStatsInBroker (GET_BROKER_CONSUME_STATS), queryConsumeTimeSpan, queryCorrectionOffset,
 * cloneGroupOffset, queryConsumeQueue and getAllProducerInfo.
 */
class ConsumeProgressAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "ProgressTopic";
    private static final String BROKER = "broker-a";
    private static final long TIMEOUT = 10_000;
    /** Queue 0 holds 3 messages, queue 1 one; group ProgressG committed 2 and 1. */
    private static final Sides<AdminSide> SIDES = new Sides<>(kind -> kind.builder()
            .clusterName("Progress" + kind.name()).brokers(BROKER), (kind, cluster) -> setUp(cluster));

    private static AdminSide setUp(TestCluster cluster) throws Exception {
        AdminSide side = AdminSide.open(cluster, "ProgressProducer");
        String broker = side.broker(BROKER);
        DefaultMQAdminExt admin = side.admin();
        DefaultMQProducer producer = side.producer();
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
        for (int queueId : new int[] {0, 0, 0, 1}) {
            Message message = new Message(TOPIC, "TagA", "m".getBytes(StandardCharsets.UTF_8));
            assertEquals(SendStatus.SEND_OK, producer.send(message, queue(queueId)).getSendStatus());
        }
        // The client heartbeats every second here; once now so that the broker knows the producer at once.
        producer.getDefaultMQProducerImpl().getmQClientFactory().sendHeartbeatToAllBrokerWithLock();
        admin.updateConsumeOffset(broker, "ProgressG", queue(0), 2);
        admin.updateConsumeOffset(broker, "ProgressG", queue(1), 1);
        return side;
    }

    @AfterAll
    static void stop() throws Exception {
        SIDES.closeAll();
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void brokerConsumeStatsShowTheGroupsLag(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        ConsumeStatsList all = side.admin().fetchConsumeStatsInBroker(side.broker(BROKER), false, TIMEOUT);
        assertEquals(side.broker(BROKER), all.getBrokerAddr());
        List<ConsumeStats> ofG = statsOf(all, "ProgressG");
        assertEquals(1, ofG.size());
        OffsetWrapper queue0 = ofG.get(0).getOffsetTable().get(queue(0));
        assertEquals(3, queue0.getBrokerOffset());
        assertEquals(2, queue0.getConsumerOffset());
        assertTrue(all.getTotalDiff() >= 1, "totalDiff " + all.getTotalDiff());
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void consumeTimeSpanCoversEveryQueue(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        List<QueueTimeSpan> spans = side.admin().queryConsumeTimeSpan(TOPIC, "ProgressG");
        assertEquals(2, spans.size());
        for (QueueTimeSpan span : spans) {
            assertTrue(span.getMinTimeStamp() > 0 && span.getMaxTimeStamp() >= span.getMinTimeStamp(),
                    span.toString());
        }
    }

    /** QUERY_CORRECTION_OFFSET: per queue, the lowest offset any group committed (ProgressK holds a clone). */
    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void correctionOffsetsAreTheLowestCommitted(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        Map<Integer, Long> correction = side.api().queryCorrectionOffset(side.broker(BROKER), TOPIC, "ProgressG",
                null, TIMEOUT);
        assertEquals(Map.of(0, 2L, 1, 1L), correction);
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void cloneGroupOffsetCopiesTheOffsets(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        side.admin().cloneGroupOffset("ProgressG", "ProgressK", TOPIC, true);
        List<ConsumeStats> ofK = statsOf(side.admin().fetchConsumeStatsInBroker(side.broker(BROKER), false, TIMEOUT),
                "ProgressK");
        assertEquals(1, ofK.size());
        assertEquals(2, ofK.get(0).getOffsetTable().get(queue(0)).getConsumerOffset());
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void consumeQueueListsTheEntries(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        QueryConsumeQueueResponseBody body = side.admin().queryConsumeQueue(side.broker(BROKER), TOPIC, 0, 0, 10,
                "ProgressG");
        assertEquals(3, body.getQueueData().size());
        assertEquals(3, body.getMaxQueueIndex());
        assertEquals("TagA".hashCode(), body.getQueueData().get(0).getTagsCode());
        assertEquals("ProgressG@" + TOPIC + " is not online!", body.getFilterData());
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void allProducerInfoNamesTheProducer(ClusterKind kind) throws Exception {
        AdminSide side = SIDES.get(kind);
        Map<String, List<ProducerInfo>> table = side.admin().getAllProducerInfo(side.broker(BROKER)).getData();
        List<ProducerInfo> producers = table.get("ProgressProducer");
        assertEquals(1, producers.size(), table.toString());
        assertEquals(side.producer().buildMQClientId(), producers.get(0).getClientId());
    }

    private static MessageQueue queue(int queueId) {
        return new MessageQueue(TOPIC, "broker-a", queueId);
    }

    private static List<ConsumeStats> statsOf(ConsumeStatsList list, String group) {
        return list.getConsumeStatsList().stream().filter(entry -> entry.containsKey(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry of " + group)).get(group);
    }
}
