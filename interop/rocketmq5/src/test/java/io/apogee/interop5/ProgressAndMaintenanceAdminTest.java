package io.apogee.interop5;

import static io.apogee.interop5.SharedCluster.BROKER;
import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.admin;
import static io.apogee.interop5.SharedCluster.cluster;
import static io.apogee.interop5.SharedCluster.producer;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.body.ConsumeStatsList;
import org.apache.rocketmq.remoting.protocol.body.ConsumerOffsetSerializeWrapper;
import org.apache.rocketmq.remoting.protocol.body.ProducerInfo;
import org.apache.rocketmq.remoting.protocol.body.QueryConsumeQueueResponseBody;
import org.apache.rocketmq.remoting.protocol.body.QueueTimeSpan;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official RocketMQ 5.3.3 admin's consumption-progress and maintenance calls against our broker, as the 4.9 suite
 * checks them with 4.9.8's: broker consume stats (GET_BROKER_CONSUME_STATS), consume time spans, correction offsets,
 * cloneGroupOffset, queryConsumeQueue, every producer, every consumer and delay offset, who consumes a topic, the
 * store clean-ups and the NameServer's KV config. Queue 0 of the topic holds three messages, queue 1 one; the group
 * committed 2 and 1.
 */
@ExtendWith(SharedCluster.class)
class ProgressAndMaintenanceAdminTest {

    private static final long TIMEOUT = 10_000;
    private static String topic;
    private static String group;
    private static String producerGroup;
    private static DefaultMQProducer producer;

    @BeforeAll
    static void setUp() throws Exception {
        topic = unique("Progress5");
        group = unique("progress5cg");
        producerGroup = unique("progress5pg");
        // cloneGroupOffset finds the source group's brokers through its retry topic, as a consumer's would be.
        for (String name : List.of(topic, "%RETRY%" + group)) {
            admin().createAndUpdateTopicConfig(broker(), new TopicConfig(name, 2, 2, 6));
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> !admin().examineTopicRouteInfo(name).getQueueDatas().isEmpty());
        }
        SubscriptionGroupConfig config = new SubscriptionGroupConfig();
        config.setGroupName(group);
        admin().createAndUpdateSubscriptionGroupConfig(broker(), config);
        producer = producer(producerGroup);
        for (int queueId : new int[] {0, 0, 0, 1}) {
            Message message = new Message(topic, "TagA", "m".getBytes(StandardCharsets.UTF_8));
            assertEquals(SendStatus.SEND_OK, producer.send(message, queue(queueId)).getSendStatus());
        }
        producer.getDefaultMQProducerImpl().getMqClientFactory().sendHeartbeatToAllBrokerWithLock();
        admin().updateConsumeOffset(broker(), group, queue(0), 2);
        admin().updateConsumeOffset(broker(), group, queue(1), 1);
    }

    @AfterAll
    static void stop() {
        producer.shutdown();
    }

    @Test
    void brokerConsumeStatsAndGroupStatsShowTheLag() throws Exception {
        ConsumeStatsList all = admin().fetchConsumeStatsInBroker(broker(), false, TIMEOUT);
        assertEquals(broker(), all.getBrokerAddr());
        List<ConsumeStats> ofGroup = all.getConsumeStatsList().stream().filter(entry -> entry.containsKey(group))
                .findFirst().orElseThrow(() -> new AssertionError("no entry of " + group)).get(group);
        assertEquals(1, ofGroup.size());
        OffsetWrapper queue0 = ofGroup.get(0).getOffsetTable().get(queue(0));
        assertEquals(3, queue0.getBrokerOffset());
        assertEquals(2, queue0.getConsumerOffset());
        assertTrue(all.getTotalDiff() >= 1, "totalDiff " + all.getTotalDiff());

        // What consumerProgress without -g walks: who consumes the topic, then each group's stats.
        assertTrue(admin().queryTopicConsumeByWho(topic).getGroupList().contains(group));
        ConsumeStats stats = admin().examineConsumeStats(group, topic);
        assertEquals(2, stats.getOffsetTable().size());
        assertEquals(1, stats.computeTotalDiff());
    }

    @Test
    void consumeTimeSpanCoversEveryQueue() throws Exception {
        List<QueueTimeSpan> spans = admin().queryConsumeTimeSpan(topic, group);
        assertEquals(2, spans.size());
        for (QueueTimeSpan span : spans) {
            assertTrue(span.getMinTimeStamp() > 0 && span.getMaxTimeStamp() >= span.getMinTimeStamp(),
                    span.toString());
        }
    }

    @Test
    void correctionOffsetsAndACloneOfTheGroup() throws Exception {
        Map<Integer, Long> correction = api().queryCorrectionOffset(broker(), topic, group, null, TIMEOUT);
        assertEquals(Map.of(0, 2L, 1, 1L), correction);

        String clone = unique("progress5clone");
        admin().cloneGroupOffset(group, clone, topic, true);
        ConsumeStats cloned = admin().examineConsumeStats(clone, topic);
        assertEquals(2, cloned.getOffsetTable().get(queue(0)).getConsumerOffset());
        assertEquals(1, cloned.getOffsetTable().get(queue(1)).getConsumerOffset());
    }

    @Test
    void consumeQueueListsTheEntries() throws Exception {
        QueryConsumeQueueResponseBody body = admin().queryConsumeQueue(broker(), topic, 0, 0, 10, group);
        assertEquals(3, body.getQueueData().size());
        assertEquals(3, body.getMaxQueueIndex());
        assertEquals("TagA".hashCode(), body.getQueueData().get(0).getTagsCode());
        assertEquals(group + "@" + topic + " is not online!", body.getFilterData());
    }

    @Test
    void allProducersAndAllConsumerAndDelayOffsets() throws Exception {
        Map<String, List<ProducerInfo>> producers = admin().getAllProducerInfo(broker()).getData();
        assertEquals(1, producers.get(producerGroup).size(), producers.toString());
        assertEquals(producer.buildMQClientId(), producers.get(producerGroup).get(0).getClientId());

        RemotingCommand offsets = invoke(RequestCode.GET_ALL_CONSUMER_OFFSET);
        assertEquals(0, offsets.getCode(), offsets.getRemark());
        assertEquals(Map.of(0, 2L, 1, 1L), Map.copyOf(RemotingSerializable.decode(offsets.getBody(),
                ConsumerOffsetSerializeWrapper.class).getOffsetTable().get(topic + "@" + group)));

        Message delayed = new Message(topic, "TagD", "delayed".getBytes(StandardCharsets.UTF_8));
        delayed.setDelayTimeLevel(1);
        assertEquals(SendStatus.SEND_OK, producer.send(delayed, queue(1)).getSendStatus());
        await("the delay offset of level 1 in GET_ALL_DELAY_OFFSET").atMost(WAIT).until(() -> {
            RemotingCommand delays = invoke(RequestCode.GET_ALL_DELAY_OFFSET);
            assertEquals(0, delays.getCode(), delays.getRemark());
            Long level1 = RemotingSerializable.decode(delays.getBody(), DelayOffsets.class).getOffsetTable().get(1);
            return level1 != null && level1 >= 1;
        });
    }

    @Test
    void storeCleanUpsSucceed() throws Exception {
        assertTrue(admin().cleanExpiredConsumerQueueByAddr(broker()), "CLEAN_EXPIRED_CONSUMEQUEUE");
        assertTrue(admin().cleanUnusedTopicByAddr(broker()), "CLEAN_UNUSED_TOPIC");
        assertTrue(admin().deleteExpiredCommitLogByAddr(broker()), "DELETE_EXPIRED_COMMITLOG");
        assertTrue(admin().cleanExpiredConsumerQueue(cluster().clusterName()), "by cluster");
        assertTrue(admin().cleanUnusedTopic(cluster().clusterName()));
        assertTrue(admin().deleteExpiredCommitLog(cluster().clusterName()));
        assertEquals(3, admin().maxOffset(queue(0)), "nothing in use was cleaned");
    }

    @Test
    void kvConfigIsKeptByTheNameServer() throws Exception {
        String namespace = unique("Kv5");
        admin().createAndUpdateKvConfig(namespace, "k1", "v1");
        admin().createAndUpdateKvConfig(namespace, "k2", "v2");
        assertEquals("v1", admin().getKVConfig(namespace, "k1"));
        assertEquals(Map.of("k1", "v1", "k2", "v2"), Map.copyOf(admin().getKVListByNamespace(namespace).getTable()));
        admin().deleteKvConfig(namespace, "k1");
        assertEquals(Map.of("k2", "v2"), Map.copyOf(admin().getKVListByNamespace(namespace).getTable()));
        admin().deleteKvConfig(namespace, "k2");
        assertNull(kvOrNull(namespace, "k2"));
    }

    /** The value, or null where the NameServer answers that the key is gone (5.3.3 throws then). */
    private static String kvOrNull(String namespace, String key) {
        try {
            return admin().getKVConfig(namespace, key);
        } catch (Exception e) {
            assertTrue(String.valueOf(e.getMessage()).contains("No config item"), e.toString());
            return null;
        }
    }

    /** The body of GET_ALL_DELAY_OFFSET (the 5.3.3 class of that shape is the broker's, not the client's). */
    public static final class DelayOffsets extends RemotingSerializable {
        private Map<Integer, Long> offsetTable = Map.of();

        public Map<Integer, Long> getOffsetTable() {
            return offsetTable;
        }

        public void setOffsetTable(Map<Integer, Long> offsetTable) {
            this.offsetTable = offsetTable;
        }
    }

    private static RemotingCommand invoke(int code) throws Exception {
        return api().getRemotingClient().invokeSync(broker(), RemotingCommand.createRequestCommand(code, null),
                TIMEOUT);
    }

    private static MQClientAPIImpl api() {
        return admin().getDefaultMQAdminExtImpl().getMqClientInstance().getMQClientAPIImpl();
    }

    private static String broker() {
        return cluster().brokerAddr(BROKER);
    }

    private static MessageQueue queue(int queueId) {
        return new MessageQueue(topic, BROKER, queueId);
    }
}
