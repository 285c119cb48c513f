package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.transaction.TransactionCheckService;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.SysFlag;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.remoting.protocol.header.EndTransactionRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.store.GetMessageResult;
import io.apogee.store.MessageFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delay levels, send-back to retry and dead-letter topics, and half messages, driven with raw commands. */
class ConsumptionSemanticsBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Properties shortLevels() {
        Properties p = new Properties();
        p.setProperty("messageDelayLevel", "1s 2s 3s");
        return p;
    }

    private static MessageExt first(BrokerFixture f, String topic, int queueId) {
        GetMessageResult r = f.broker.store().getMessage("test", topic, queueId, 0, 1, MessageFilter.ALL);
        return StoredMessageCodec.decode(r.messages().get(0).duplicate(), true);
    }

    private static long commitLogOffset(RemotingCommand sent) {
        return OffsetMessageId.decode(sent.extFields().get("msgId")).commitLogOffset();
    }

    @Test
    void aDelayedMessageWaitsInItsLevelQueueAndReachesItsTopicWhenDueNeverBefore() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, shortLevels())) {
            f.createTopic("T", 2);
            RemotingCommand sent = f.invoke(BrokerFixture.send("T", 1, "later", "TAGS\u0001A\u0002DELAY\u00019"));
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
            assertEquals("1", sent.extFields().get("queueId"));

            MessageExt parked = f.broker.store().lookMessageByOffset(commitLogOffset(sent));
            assertEquals(SystemTopics.SCHEDULE_TOPIC, parked.getTopic());
            assertEquals(2, parked.getQueueId(), "level 9 is clamped to the highest, 3");
            assertEquals("T", parked.getProperty("REAL_TOPIC"));
            assertEquals("1", parked.getProperty("REAL_QID"));
            assertEquals(0, f.broker.store().getMaxOffsetInQueue("T", 1));

            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue("T", 1) == 1);
            MessageExt real = first(f, "T", 1);
            assertEquals("later", new String(real.getBody(), StandardCharsets.UTF_8));
            assertEquals("A", real.getTags());
            assertTrue(real.getStoreTimestamp() - parked.getStoreTimestamp() >= 3000);
        }
    }

    @Test
    void deliveryProgressPerLevelIsPersistedAndAPendingDelayedMessageIsDeliveredAfterARestart() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, shortLevels())) {
            f.createTopic("T", 1);
            f.invoke(BrokerFixture.send("T", 0, "soon", "DELAY\u00011"));
            f.invoke(BrokerFixture.send("T", 0, "soon-too", "DELAY\u00011"));
            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue("T", 0) == 2);
            f.invoke(BrokerFixture.send("T", 0, "after-restart", "DELAY\u00013"));
        }
        String progress = Files.readString(dir.resolve("config/delayOffset.json"));
        assertTrue(progress.contains("\"1\":2"), progress);
        try (BrokerFixture f = new BrokerFixture(dir, shortLevels())) {
            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue("T", 0) == 3);
            GetMessageResult all = f.broker.store().getMessage("test", "T", 0, 0, 10, MessageFilter.ALL);
            assertEquals(3, all.messageCount(), "nothing delivered twice");
            MessageExt last = StoredMessageCodec.decode(all.messages().get(2).duplicate(), true);
            assertEquals("after-restart", new String(last.getBody(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void sendBackRetriesWithTheNextLevelThenDeadLettersPastMaxReconsumeTimes() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, shortLevels())) {
            f.createTopic("T", 1);
            RemotingCommand sent = f.invoke(BrokerFixture.send("T", 0, "fails", "TAGS\u0001A\u0002UNIQ_KEY\u0001U1"));
            RemotingCommand back = f.invoke(sendBack(commitLogOffset(sent), 0, 2));
            assertEquals(ResponseCode.SUCCESS, back.code(), back.remark());

            String retryTopic = SystemTopics.retryTopic("cg");
            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue(retryTopic, 0) == 1);
            MessageExt retry = first(f, retryTopic, 0);
            assertEquals(1, retry.getReconsumeTimes());
            assertEquals("T", retry.getProperty("RETRY_TOPIC"));
            assertEquals(sent.extFields().get("msgId"), retry.getProperty("ORIGIN_MESSAGE_ID"));
            assertEquals("U1", retry.getUniqueKey());
            assertEquals("3", retry.getProperty("DELAY"), "first retry waits at level 3 + 0");

            RemotingCommand again = f.invoke(sendBack(retry.getCommitLogOffset(), 0, 1));
            assertEquals(ResponseCode.SUCCESS, again.code(), again.remark());
            String dlq = SystemTopics.dlqTopic("cg");
            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue(dlq, 0) == 1);
            MessageExt dead = first(f, dlq, 0);
            assertEquals(2, dead.getReconsumeTimes());
            assertEquals("T", dead.getProperty("RETRY_TOPIC"));
            assertEquals(sent.extFields().get("msgId"), dead.getProperty("ORIGIN_MESSAGE_ID"));
            assertEquals(6, f.broker.topics().select(dlq).getPerm());

            RemotingCommand missing = f.invoke(sendBack(1L << 40, 0, 1));
            assertEquals(ResponseCode.SYSTEM_ERROR, missing.code());
        }
    }

    @Test
    void aClientSideRetrySendIsDelayedAndSoIsItsDeadLetterOnceExhausted() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, shortLevels())) {
            String retryTopic = SystemTopics.retryTopic("cg");
            RemotingCommand retried = f.invoke(retrySend(retryTopic, 0, "DELAY\u00011"));
            assertEquals(ResponseCode.SUCCESS, retried.code(), retried.remark());
            assertEquals(SystemTopics.SCHEDULE_TOPIC,
                    f.broker.store().lookMessageByOffset(commitLogOffset(retried)).getTopic());
            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue(retryTopic, 0) == 1);

            RemotingCommand exhausted = f.invoke(retrySend(retryTopic, 16, "DELAY\u00011"));
            assertEquals(ResponseCode.SUCCESS, exhausted.code(), exhausted.remark());
            MessageExt parked = f.broker.store().lookMessageByOffset(commitLogOffset(exhausted));
            assertEquals(SystemTopics.SCHEDULE_TOPIC, parked.getTopic(), "delayed like Apache 4.9.7 does");
            assertEquals(SystemTopics.dlqTopic("cg"), parked.getProperty("REAL_TOPIC"));
            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue(SystemTopics.dlqTopic("cg"), 0)
                    == 1);
        }
    }

    private static RemotingCommand retrySend(String topic, int reconsumeTimes, String properties) {
        SendMessageRequestHeader h = header(topic, 0, "cg", 0, properties);
        h.setReconsumeTimes(reconsumeTimes);
        h.setMaxReconsumeTimes(16);
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.fromV1(h))
                .body("again".getBytes(StandardCharsets.UTF_8));
    }

    private static SendMessageRequestHeader header(String topic, int queueId, String group, int sysFlag,
            String properties) {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup(group);
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(queueId);
        h.setSysFlag(sysFlag);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties(properties);
        return h;
    }

    private static RemotingCommand sendBack(long offset, int level, int maxReconsumeTimes) {
        ConsumerSendMsgBackRequestHeader h = new ConsumerSendMsgBackRequestHeader();
        h.setOffset(offset);
        h.setGroup("cg");
        h.setDelayLevel(level);
        h.setMaxReconsumeTimes(maxReconsumeTimes);
        return RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK, h);
    }

    @Test
    void aHalfMessageIsInvisibleUntilCommittedAndARollbackStoresNothing() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            f.createTopic("T", 2);
            RemotingCommand commit = f.invoke(half("T", 1, "commit-me"));
            RemotingCommand rollback = f.invoke(half("T", 1, "roll-me-back"));
            assertEquals(ResponseCode.SUCCESS, commit.code(), commit.remark());
            assertEquals("1", commit.extFields().get("queueId"));
            assertEquals("0", commit.extFields().get("queueOffset"));
            assertEquals("1", rollback.extFields().get("queueOffset"));
            assertEquals(0, f.broker.store().getMaxOffsetInQueue("T", 1));

            f.invoke(endTransaction(commit, SysFlag.TRANSACTION_COMMIT_TYPE));
            f.invoke(endTransaction(rollback, SysFlag.TRANSACTION_ROLLBACK_TYPE));
            await().atMost(WAIT).until(() -> f.broker.store().getMaxOffsetInQueue(
                    SystemTopics.TRANS_OP_HALF_TOPIC, 0) == 2);
            assertEquals(1, f.broker.store().getMaxOffsetInQueue("T", 1));
            MessageExt real = first(f, "T", 1);
            assertEquals("commit-me", new String(real.getBody(), StandardCharsets.UTF_8));
            assertEquals(SysFlag.TRANSACTION_COMMIT_TYPE, SysFlag.transactionType(real.getSysFlag()));
            assertEquals(commitLogOffset(commit), real.getPreparedTransactionOffset());

            RemotingCommand wrongGroup = endTransaction(commit, SysFlag.TRANSACTION_COMMIT_TYPE);
            wrongGroup.extFields().put("producerGroup", "other");
            assertEquals(ResponseCode.SYSTEM_ERROR, f.invoke(wrongGroup).code());
        }
    }

    @Test
    void anUnresolvedHalfMessageIsDiscardedAfterTransactionCheckMaxChecks() throws Exception {
        Properties p = new Properties();
        p.setProperty("transactionTimeOut", "0");
        p.setProperty("transactionCheckInterval", "100");
        p.setProperty("transactionCheckMax", "2");
        try (BrokerFixture f = new BrokerFixture(dir, p)) {
            f.createTopic("T", 1);
            assertEquals(ResponseCode.SUCCESS, f.invoke(half("T", 0, "nobody-answers")).code());
            await().atMost(WAIT).until(() -> f.broker.offsets().queryOffset(TransactionCheckService.GROUP,
                    SystemTopics.TRANS_HALF_TOPIC, 0) == 3);
            assertEquals(3, f.broker.store().getMaxOffsetInQueue(SystemTopics.TRANS_HALF_TOPIC, 0),
                    "the original and one copy per check, then nothing more");
            MessageExt lastCopy = f.broker.store().lookMessageByOffset(f.broker.store()
                    .getMessage("test", SystemTopics.TRANS_HALF_TOPIC, 0, 2, 1, MessageFilter.ALL).messages().get(0)
                    .getLong(28));
            assertEquals("2", lastCopy.getProperty("TRANSACTION_CHECK_TIMES"));
            assertEquals(0, f.broker.store().getMaxOffsetInQueue("T", 0));
            assertNull(f.broker.topics().select(SystemTopics.TRANS_OP_HALF_TOPIC));
        }
    }

    private static RemotingCommand half(String topic, int queueId, String body) {
        SendMessageRequestHeader h = header(topic, queueId, "tpg", SysFlag.TRANSACTION_PREPARED_TYPE,
                "TRAN_MSG\u0001true\u0002PGROUP\u0001tpg\u0002UNIQ_KEY\u0001" + body);
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.fromV1(h))
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static RemotingCommand endTransaction(RemotingCommand sent, int decision) {
        EndTransactionRequestHeader h = new EndTransactionRequestHeader();
        h.setProducerGroup("tpg");
        h.setTranStateTableOffset(Long.parseLong(sent.extFields().get("queueOffset")));
        h.setCommitLogOffset(commitLogOffset(sent));
        h.setCommitOrRollback(decision);
        h.setMsgId(sent.extFields().get("msgId"));
        return RemotingCommand.request(RequestCode.END_TRANSACTION, h);
    }
}
