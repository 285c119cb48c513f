package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.QueryConsumerOffsetRequestHeader;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's request handling over real sockets, driven with raw remoting commands. */
class BrokerRequestsTest {

    private static final int SUBSCRIPTION_FLAG = 0x4;
    private static final int SUSPEND_FLAG = 0x2;

    @TempDir
    Path dir;

    @Test
    void sendThenPullReturnsTheStoredMessage() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 4).code());
            RemotingCommand sent = f.invoke(BrokerFixture.send("T", 1, "hello",
                    "TAGS\u0001TagA\u0002KEYS\u0001k1\u0002WAIT\u0001true"));
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
            assertEquals("1", sent.extFields().get("queueId"));
            assertEquals("0", sent.extFields().get("queueOffset"));
            assertEquals(32, sent.extFields().get("msgId").length());
            assertEquals("DefaultRegion", sent.extFields().get("MSG_REGION"));

            await().atMost(Duration.ofSeconds(30)).until(() -> f.broker.store().getMaxOffsetInQueue("T", 1) == 1);
            RemotingCommand pulled = f.invoke(BrokerFixture.pull("T", 1, 0, SUBSCRIPTION_FLAG, "TagA || TagB", 0));
            assertEquals(ResponseCode.SUCCESS, pulled.code(), pulled.remark());
            assertEquals("1", pulled.extFields().get("nextBeginOffset"));
            List<MessageExt> messages = StoredMessageCodec.decodeAll(ByteBuffer.wrap(pulled.body()));
            assertEquals(1, messages.size());
            MessageExt m = messages.get(0);
            assertEquals("hello", new String(m.getBody(), StandardCharsets.UTF_8));
            assertEquals("TagA", m.getTags());
            assertEquals("TestCluster", m.getProperty("CLUSTER"));
            assertEquals(null, m.getProperty("WAIT"));

            RemotingCommand filtered = f.invoke(BrokerFixture.pull("T", 1, 0, SUBSCRIPTION_FLAG, "TagC", 0));
            assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, filtered.code());
            assertEquals(ResponseCode.PULL_NOT_FOUND,
                    f.invoke(BrokerFixture.pull("T", 1, 1, SUBSCRIPTION_FLAG, "*", 0)).code());
            assertEquals(ResponseCode.PULL_OFFSET_MOVED,
                    f.invoke(BrokerFixture.pull("T", 1, 5, SUBSCRIPTION_FLAG, "*", 0)).code());
        }
    }

    @Test
    void aHeldPullIsAnsweredWhenAMessageArrivesAndAtItsTimeout() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            f.createTopic("T", 1);
            AtomicReference<RemotingCommand> woken = new AtomicReference<>();
            // Held for 60 s: answered within half of that, it was the message that woke it, not the deadline.
            f.client.invokeAsync(f.addr, BrokerFixture.pull("T", 0, 0, SUBSCRIPTION_FLAG | SUSPEND_FLAG, "*", 60_000),
                    90_000, (r, e) -> woken.set(r));
            await().atMost(Duration.ofSeconds(30)).until(() -> heldPulls(f) == 1);
            long sentAt = System.nanoTime();
            f.invoke(BrokerFixture.send("T", 0, "wake", ""));
            await().atMost(Duration.ofSeconds(30)).until(() -> woken.get() != null);
            long millis = (System.nanoTime() - sentAt) / 1_000_000;
            assertEquals(ResponseCode.SUCCESS, woken.get().code());
            assertTrue(millis < 30_000, "answered " + millis + " ms after the send");

            AtomicReference<RemotingCommand> timedOut = new AtomicReference<>();
            f.client.invokeAsync(f.addr, BrokerFixture.pull("T", 0, 1, SUBSCRIPTION_FLAG | SUSPEND_FLAG, "*", 500),
                    30_000, (r, e) -> timedOut.set(r));
            await().atMost(Duration.ofSeconds(30)).until(() -> timedOut.get() != null);
            assertEquals(ResponseCode.PULL_NOT_FOUND, timedOut.get().code());
        }
    }

    private static int heldPulls(BrokerFixture f) {
        return f.broker.pullHolds().heldCount();
    }

    @Test
    void theVipPortServesEverythingButPulls() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            f.createTopic("T", 1);
            String vip = "127.0.0.1:" + f.broker.vipPort();
            RemotingCommand sent = f.client.invokeSync(vip, BrokerFixture.send("T", 0, "via vip", ""), 15_000);
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
            RemotingCommand pull = f.client.invokeSync(vip, BrokerFixture.pull("T", 0, 0, SUBSCRIPTION_FLAG, "*", 0),
                    15_000);
            assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, pull.code());
        }
    }

    @Test
    void badSendsAreRefusedWithTheRightCode() throws Exception {
        Properties noAutoCreate = new Properties();
        noAutoCreate.setProperty("autoCreateTopicEnable", "false");
        try (BrokerFixture f = new BrokerFixture(dir, noAutoCreate)) {
            RemotingCommand missing = f.invoke(BrokerFixture.send("Nope", 0, "x", ""));
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, missing.code());
            assertTrue(missing.remark().contains("Nope"), missing.remark());

            RemotingCommand badName = f.invoke(BrokerFixture.send("bad topic!", 0, "x", ""));
            assertEquals(ResponseCode.SYSTEM_ERROR, badName.code());
            assertTrue(badName.remark().contains("illegal characters"), badName.remark());

            f.createTopic("T", 2);
            RemotingCommand tooBig = f.invoke(BrokerFixture.send("T", 0, "x".repeat(64 * 1024 + 1), ""));
            assertEquals(ResponseCode.MESSAGE_ILLEGAL, tooBig.code());

            RemotingCommand badQueue = f.invoke(BrokerFixture.send("T", 9, "x", ""));
            assertEquals(ResponseCode.SYSTEM_ERROR, badQueue.code());
            assertTrue(badQueue.remark().contains("queueId[9] is illegal"), badQueue.remark());

            RemotingCommand forbidden = f.invoke(BrokerFixture.send("SCHEDULE_TOPIC_XXXX", 0, "x", ""));
            assertEquals(ResponseCode.NO_PERMISSION, forbidden.code());

            RemotingCommand noHeader = f.invoke(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, null));
            assertEquals(ResponseCode.SYSTEM_ERROR, noHeader.code());
            assertTrue(noHeader.remark().contains("is null"), noHeader.remark());
        }
    }

    @Test
    void autoCreatedTopicAndOffsetsSurviveARestart() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            RemotingCommand sent = f.invoke(BrokerFixture.send("Auto", 0, "first", ""));
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
            assertNotNull(f.broker.topics().select("Auto"));
            assertEquals(4, f.broker.topics().select("Auto").getWriteQueueNums());
            UpdateConsumerOffsetRequestHeader update = new UpdateConsumerOffsetRequestHeader();
            update.setConsumerGroup("cg");
            update.setTopic("Auto");
            update.setQueueId(0);
            update.setCommitOffset(1L);
            assertEquals(ResponseCode.SUCCESS,
                    f.invoke(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, update)).code());
        }
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertNotNull(f.broker.topics().select("Auto"));
            QueryConsumerOffsetRequestHeader query = new QueryConsumerOffsetRequestHeader();
            query.setConsumerGroup("cg");
            query.setTopic("Auto");
            query.setQueueId(0);
            RemotingCommand offset = f.invoke(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET, query));
            assertEquals("1", offset.extFields().get("offset"));
            RemotingCommand pulled = f.invoke(BrokerFixture.pull("Auto", 0, 0, SUBSCRIPTION_FLAG, "*", 0));
            assertEquals(ResponseCode.SUCCESS, pulled.code());
            assertEquals("first", new String(StoredMessageCodec.decodeAll(ByteBuffer.wrap(pulled.body())).get(0)
                    .getBody(), StandardCharsets.UTF_8));
        }
    }
}
