package io.apogee.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.admin.ProcessQueueInfo;
import io.apogee.remoting.protocol.body.ResetOffsetBody;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import io.apogee.common.consumer.MessageModel;
import io.apogee.remoting.protocol.heartbeat.ProducerData;
import io.apogee.common.consumer.SubscriptionData;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.common.admin.TopicOffset;
import org.apache.rocketmq.common.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.junit.jupiter.api.Test;

/** Our broker-request headers and bodies against Apache 4.9.8's classes: same keys, bodies readable both ways. */
class BrokerVocabularyInteropTest {

    @Test
    void sendAndPullHeadersMapToTheSameExtFields() {
        SendMessageRequestHeader ours = new SendMessageRequestHeader();
        ours.setProducerGroup("pg");
        ours.setTopic("T");
        ours.setDefaultTopic("TBW102");
        ours.setDefaultTopicQueueNums(4);
        ours.setQueueId(1);
        ours.setSysFlag(769);
        ours.setBornTimestamp(1795460584378L);
        ours.setFlag(0);
        ours.setProperties("TAGS\u0001A");
        ours.setReconsumeTimes(0);
        ours.setBname("broker-a");
        org.apache.rocketmq.common.protocol.header.SendMessageRequestHeader theirs =
                new org.apache.rocketmq.common.protocol.header.SendMessageRequestHeader();
        theirs.setProducerGroup("pg");
        theirs.setTopic("T");
        theirs.setDefaultTopic("TBW102");
        theirs.setDefaultTopicQueueNums(4);
        theirs.setQueueId(1);
        theirs.setSysFlag(769);
        theirs.setBornTimestamp(1795460584378L);
        theirs.setFlag(0);
        theirs.setProperties("TAGS\u0001A");
        theirs.setReconsumeTimes(0);
        theirs.setBname("broker-a");
        assertEquals(apacheExtFields(theirs), ourExtFields(ours));
        assertEquals(apacheExtFields(org.apache.rocketmq.common.protocol.header.SendMessageRequestHeaderV2
                .createSendMessageRequestHeaderV2(theirs)), ourExtFields(SendMessageRequestHeaderV2.fromV1(ours)));

        PullMessageRequestHeader pull = new PullMessageRequestHeader();
        pull.setConsumerGroup("g");
        pull.setTopic("T");
        pull.setQueueId(2);
        pull.setQueueOffset(7L);
        pull.setMaxMsgNums(32);
        pull.setSysFlag(3);
        pull.setCommitOffset(5L);
        pull.setSuspendTimeoutMillis(15000L);
        pull.setSubVersion(1L);
        org.apache.rocketmq.common.protocol.header.PullMessageRequestHeader theirPull =
                new org.apache.rocketmq.common.protocol.header.PullMessageRequestHeader();
        theirPull.setConsumerGroup("g");
        theirPull.setTopic("T");
        theirPull.setQueueId(2);
        theirPull.setQueueOffset(7L);
        theirPull.setMaxMsgNums(32);
        theirPull.setSysFlag(3);
        theirPull.setCommitOffset(5L);
        theirPull.setSuspendTimeoutMillis(15000L);
        theirPull.setSubVersion(1L);
        assertEquals(apacheExtFields(theirPull), ourExtFields(pull));
    }

    @Test
    void heartbeatWeWriteIsTheHeartbeatApacheReads() {
        HeartbeatData ours = new HeartbeatData();
        ours.setClientID("10.0.0.1@1#2");
        ours.getProducerDataSet().add(new ProducerData("pg"));
        ConsumerData consumer = new ConsumerData();
        consumer.setGroupName("cg");
        consumer.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        consumer.setMessageModel(MessageModel.CLUSTERING);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.getSubscriptionDataSet().add(SubscriptionData.ofTags("T", "TagA || TagB"));
        ours.getConsumerDataSet().add(consumer);
        org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData theirs = RemotingSerializable.decode(
                BodyJson.encode(ours), org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData.class);
        assertEquals("10.0.0.1@1#2", theirs.getClientID());
        org.apache.rocketmq.common.protocol.heartbeat.ConsumerData theirConsumer =
                theirs.getConsumerDataSet().iterator().next();
        assertEquals("CONSUME_FROM_FIRST_OFFSET", theirConsumer.getConsumeFromWhere().name());
        org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData sub =
                theirConsumer.getSubscriptionDataSet().iterator().next();
        assertEquals(Set.of("TagA", "TagB"), sub.getTagsSet());
        assertEquals(Set.of("TagA".hashCode(), "TagB".hashCode()), sub.getCodeSet());
        HeartbeatData back = HeartbeatData.decode(RemotingSerializable.encode(theirs));
        assertEquals(ours.getConsumerDataSet(), back.getConsumerDataSet());
        assertEquals(ours.getProducerDataSet(), back.getProducerDataSet());
    }

    @Test
    void messageQueueKeyedBodiesReadBothWays() throws Exception {
        MessageQueue mq = new MessageQueue("T", "broker-a", 1);
        ConsumeStats ours = new ConsumeStats();
        OffsetWrapper offsets = new OffsetWrapper();
        offsets.setBrokerOffset(9);
        offsets.setConsumerOffset(4);
        offsets.setLastTimestamp(123);
        ours.getOffsetTable().put(mq, offsets);
        ours.setConsumeTps(0.27);
        org.apache.rocketmq.common.admin.ConsumeStats theirs = RemotingSerializable.decode(BodyJson.encode(ours),
                org.apache.rocketmq.common.admin.ConsumeStats.class);
        org.apache.rocketmq.common.message.MessageQueue theirMq =
                new org.apache.rocketmq.common.message.MessageQueue("T", "broker-a", 1);
        assertEquals(5, theirs.computeTotalDiff());
        assertEquals(4, theirs.getOffsetTable().get(theirMq).getConsumerOffset());

        TopicStatsTable stats = new TopicStatsTable();
        TopicOffset topicOffset = new TopicOffset();
        topicOffset.setMaxOffset(12);
        stats.getOffsetTable().put(theirMq, topicOffset);
        assertEquals(12, BodyJson.decode(stats.encode(), io.apogee.common.admin.TopicStatsTable.class).getOffsetTable()
                .get(mq).getMaxOffset());

        ResetOffsetBody reset = new ResetOffsetBody();
        reset.getOffsetTable().put(mq, 5L);
        assertEquals(Map.of(theirMq, 5L), RemotingSerializable.decode(reset.encode(),
                org.apache.rocketmq.common.protocol.body.ResetOffsetBody.class).getOffsetTable());

        LockBatchRequestBody lock = new LockBatchRequestBody();
        lock.setConsumerGroup("cg");
        lock.setClientId("c");
        lock.getMqSet().add(mq);
        assertEquals(Set.of(theirMq), RemotingSerializable.decode(lock.encode(),
                org.apache.rocketmq.common.protocol.body.LockBatchRequestBody.class).getMqSet());
    }

    @Test
    void consumerRunningInfoWeAnswerIsWhatMqadminReads() {
        ConsumerRunningInfo ours = new ConsumerRunningInfo();
        ours.getProperties().put("PROP_CONSUME_TYPE", "CONSUME_PASSIVELY");
        ours.getSubscriptionSet().add(SubscriptionData.ofTags("T", "*"));
        ProcessQueueInfo queue = new ProcessQueueInfo();
        queue.setCommitOffset(7);
        queue.setLocked(true);
        ours.getMqTable().put(new MessageQueue("T", "broker-a", 0), queue);
        org.apache.rocketmq.common.protocol.body.ConsumerRunningInfo theirs = RemotingSerializable.decode(
                BodyJson.encode(ours), org.apache.rocketmq.common.protocol.body.ConsumerRunningInfo.class);
        assertEquals("CONSUME_PASSIVELY", theirs.getProperties().getProperty("PROP_CONSUME_TYPE"));
        assertEquals(7, theirs.getMqTable().get(new org.apache.rocketmq.common.message.MessageQueue("T",
                "broker-a", 0)).getCommitOffset());
        assertEquals("T", theirs.getSubscriptionSet().first().getTopic());
    }

    private static Map<String, String> ourExtFields(io.apogee.remoting.protocol.CommandCustomHeader header) {
        return RemotingCommand.request(0, header).extFields();
    }

    private static Map<String, String> apacheExtFields(org.apache.rocketmq.remoting.CommandCustomHeader header) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand cmd =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(0, header);
        cmd.makeCustomHeaderToNet();
        return cmd.getExtFields();
    }
}
