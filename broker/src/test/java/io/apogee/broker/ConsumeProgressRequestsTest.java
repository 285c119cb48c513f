package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSON;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.ConsumeQueueData;
import io.apogee.remoting.protocol.body.ConsumeStatsList;
import io.apogee.remoting.protocol.body.ProducerTableInfo;
import io.apogee.remoting.protocol.body.QueryConsumeQueueResponseBody;
import io.apogee.remoting.protocol.body.QueryConsumeTimeSpanBody;
import io.apogee.remoting.protocol.body.QueryCorrectionOffsetBody;
import io.apogee.remoting.protocol.body.QueueTimeSpan;
import io.apogee.remoting.protocol.header.CloneGroupOffsetRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumeStatsInBrokerHeader;
import io.apogee.remoting.protocol.header.QueryConsumeQueueRequestHeader;
import io.apogee.remoting.protocol.header.QueryConsumeTimeSpanRequestHeader;
import io.apogee.remoting.protocol.header.QueryCorrectionOffsetHeader;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import io.apogee.remoting.protocol.heartbeat.ProducerData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin tools' consumption progress codes: GET_BROKER_CONSUME_STATS (317), QUERY_CONSUME_TIME_SPAN (303),
 * QUERY_CORRECTION_OFFSET (308), CLONE_GROUP_OFFSET (314), QUERY_CONSUME_QUEUE (321) and GET_ALL_PRODUCER_INFO (328).
 */
class ConsumeProgressRequestsTest {

    @TempDir
    Path dir;

    private BrokerFixture f;

    /** Topic T with 2 queues holding 3 and 1 messages; group G committed 2 and 1, group H 1 and 1. */
    @BeforeEach
    void fill() throws Exception {
        f = new BrokerFixture(dir, new Properties());
        assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 2).code());
        for (int queueId : new int[] {0, 0, 0, 1}) {
            RemotingCommand sent = f.invoke(BrokerFixture.send("T", queueId, "m", ""));
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
        }
        for (String group : List.of("G", "H")) {
            SubscriptionGroupConfig config = new SubscriptionGroupConfig();
            config.setGroupName(group);
            assertEquals(ResponseCode.SUCCESS, f.invoke(RemotingCommand.request(
                    RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, null).body(BodyJson.encode(config))).code());
        }
        commit("G", 0, 2);
        commit("G", 1, 1);
        commit("H", 0, 1);
        commit("H", 1, 1);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void brokerConsumeStatsListEveryGroupWithItsLag() throws Exception {
        ConsumeStatsList all = ConsumeStatsList.decode(f.invoke(brokerConsumeStats(false)).body());
        assertEquals(f.addr, all.getBrokerAddr());
        assertEquals(1 + 2, all.getTotalDiff());
        List<ConsumeStats> ofG = groupEntry(all, "G");
        assertEquals(1, ofG.size());
        OffsetWrapper queue0 = ofG.get(0).getOffsetTable().get(new MessageQueue("T", "broker-test", 0));
        assertEquals(3, queue0.getBrokerOffset());
        assertEquals(2, queue0.getConsumerOffset());
        assertTrue(queue0.getLastTimestamp() > 0);

        ConsumeStatsList ordered = ConsumeStatsList.decode(f.invoke(brokerConsumeStats(true)).body());
        assertEquals(List.of(), groupEntry(ordered, "G"), "T is not an ordered topic");
        assertEquals(0, ordered.getTotalDiff());
    }

    @Test
    void consumeTimeSpanGivesStoreTimesPerQueue() throws Exception {
        QueryConsumeTimeSpanRequestHeader h = new QueryConsumeTimeSpanRequestHeader();
        h.setTopic("T");
        h.setGroup("G");
        RemotingCommand answer = f.invoke(RemotingCommand.request(RequestCode.QUERY_CONSUME_TIME_SPAN, h));
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
        List<QueueTimeSpan> spans = QueryConsumeTimeSpanBody.decode(answer.body()).getConsumeTimeSpanSet();
        spans.sort(Comparator.comparingInt(s -> s.getMessageQueue().getQueueId()));
        assertEquals(2, spans.size());
        QueueTimeSpan first = spans.get(0);
        assertTrue(first.getMinTimeStamp() > 0 && first.getMinTimeStamp() <= first.getConsumeTimeStamp()
                && first.getConsumeTimeStamp() <= first.getMaxTimeStamp(), JSON.toJSONString(first));
        assertTrue(first.getDelayTime() >= 0, JSON.toJSONString(first));
        assertEquals(0, spans.get(1).getDelayTime(), "queue 1 is consumed to its end");

        h.setTopic("Nope");
        RemotingCommand missing = f.invoke(RemotingCommand.request(RequestCode.QUERY_CONSUME_TIME_SPAN, h));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, missing.code());
        assertEquals("topic[Nope] not exist", missing.remark());
    }

    @Test
    void correctionOffsetIsTheLowestOfTheOtherGroups() throws Exception {
        assertEquals(Map.of(0, 1L, 1, 1L), correction("G", null));
        // Without H only G counts; H is behind it in queue 0, so that queue gets Long.MAX_VALUE.
        assertEquals(Map.of(0, Long.MAX_VALUE, 1, 1L), correction("H", "H, Other"));
        assertEquals(Map.of(0, 1L, 1, 1L), f.broker.offsets().offsetsOf("H", "T"), "filtered offsets stay");
    }

    @Test
    void cloneGroupOffsetCopiesEveryTopicOfTheSourceGroup() throws Exception {
        assertEquals(ResponseCode.SUCCESS, f.invoke(cloneOffsets("G", "K", null)).code());
        assertEquals(Map.of(0, 2L, 1, 1L), f.broker.offsets().offsetsOf("K", "T"));
        assertEquals(ResponseCode.SUCCESS, f.invoke(cloneOffsets("G", "L", "Nope")).code());
        assertEquals(Set.of(), f.broker.offsets().topicsOf("L"));
    }

    @Test
    void allProducerInfoListsHeartbeatingProducers() throws Exception {
        HeartbeatData heartbeat = new HeartbeatData();
        heartbeat.setClientID("client-1");
        heartbeat.setProducerDataSet(Set.of(new ProducerData("PG")));
        assertEquals(ResponseCode.SUCCESS,
                f.invoke(RemotingCommand.request(RequestCode.HEART_BEAT, null).body(heartbeat.encode())).code());
        RemotingCommand answer = f.invoke(RemotingCommand.request(RequestCode.GET_ALL_PRODUCER_INFO, null));
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
        ProducerTableInfo table = ProducerTableInfo.decode(answer.body());
        assertEquals(1, table.getData().get("PG").size(), new String(answer.body(), StandardCharsets.UTF_8));
        assertEquals("client-1", table.getData().get("PG").get(0).getClientId());
        assertTrue(table.getData().get("PG").get(0).getRemoteIP().startsWith("/127.0.0.1:"));
    }

    @Test
    void consumeQueueShowsTheEntriesOfAQueue() throws Exception {
        RemotingCommand answer = f.invoke(consumeQueue("T", 0, 0, 10, "G"));
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
        QueryConsumeQueueResponseBody body = BodyJson.decode(answer.body(), QueryConsumeQueueResponseBody.class);
        assertEquals(0, body.getMinQueueIndex());
        assertEquals(3, body.getMaxQueueIndex());
        assertEquals("G@T is not online!", body.getFilterData());
        List<ConsumeQueueData> entries = body.getQueueData();
        assertEquals(3, entries.size());
        assertTrue(entries.get(0).getPhysicSize() > 0);
        assertTrue(entries.get(1).getPhysicOffset() >= entries.get(0).getPhysicOffset()
                + entries.get(0).getPhysicSize(), "entries in commit-log order");
        assertEquals(2, BodyJson.decode(f.invoke(consumeQueue("T", 0, 1, 2, null)).body(),
                QueryConsumeQueueResponseBody.class).getQueueData().size());

        RemotingCommand pastEnd = f.invoke(consumeQueue("T", 0, 5, 10, null));
        assertEquals(ResponseCode.SUCCESS, pastEnd.code());
        assertEquals("Index 5 of 0@T is not exist!", pastEnd.remark());
        RemotingCommand noQueue = f.invoke(consumeQueue("Nope", 0, 0, 10, null));
        assertEquals(ResponseCode.SYSTEM_ERROR, noQueue.code());
        assertEquals("0@Nope is not exist!", noQueue.remark());
    }

    private void commit(String group, int queueId, long offset) throws Exception {
        UpdateConsumerOffsetRequestHeader h = new UpdateConsumerOffsetRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic("T");
        h.setQueueId(queueId);
        h.setCommitOffset(offset);
        assertEquals(ResponseCode.SUCCESS, f.invoke(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, h))
                .code());
    }

    private static RemotingCommand brokerConsumeStats(boolean orderOnly) {
        GetConsumeStatsInBrokerHeader h = new GetConsumeStatsInBrokerHeader();
        h.setOrder(orderOnly);
        return RemotingCommand.request(RequestCode.GET_BROKER_CONSUME_STATS, h);
    }

    private static List<ConsumeStats> groupEntry(ConsumeStatsList list, String group) {
        return list.getConsumeStatsList().stream().filter(entry -> entry.containsKey(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry of " + group)).get(group);
    }

    /** The correction offsets by queue id; the body writes queue ids unquoted, as fastjson 1.x does. */
    private Map<Integer, Long> correction(String compareGroup, String filterGroups) throws Exception {
        QueryCorrectionOffsetHeader h = new QueryCorrectionOffsetHeader();
        h.setTopic("T");
        h.setCompareGroup(compareGroup);
        h.setFilterGroups(filterGroups);
        RemotingCommand answer = f.invoke(RemotingCommand.request(RequestCode.QUERY_CORRECTION_OFFSET, h));
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
        String json = new String(answer.body(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"correctionOffsets\":{0:"), json);
        return BodyJson.decode(answer.body(), QueryCorrectionOffsetBody.class).getCorrectionOffsets();
    }

    private static RemotingCommand consumeQueue(String topic, int queueId, long index, int count, String group) {
        QueryConsumeQueueRequestHeader h = new QueryConsumeQueueRequestHeader();
        h.setTopic(topic);
        h.setQueueId(queueId);
        h.setIndex(index);
        h.setCount(count);
        h.setConsumerGroup(group);
        return RemotingCommand.request(RequestCode.QUERY_CONSUME_QUEUE, h);
    }

    private static RemotingCommand cloneOffsets(String src, String dest, String topic) {
        CloneGroupOffsetRequestHeader h = new CloneGroupOffsetRequestHeader();
        h.setSrcGroup(src);
        h.setDestGroup(dest);
        h.setTopic(topic);
        return RemotingCommand.request(RequestCode.CLONE_GROUP_OFFSET, h);
    }
}
