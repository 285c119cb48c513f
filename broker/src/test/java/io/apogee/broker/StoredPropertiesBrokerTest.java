package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.BatchBodyCodec;
import io.apogee.common.message.Message;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.SysFlag;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact properties string the broker stores for each kind of send (message-format.md §3, §6, §7, §9), read raw
 * from the commit-log record: sent order kept, WAIT dropped and CLUSTER appended for a single message, a batch
 * entry's own text with the batch-level properties and CLUSTER appended (a repeated name stays), the delay and
 * transaction rewrites appended.
 */
class StoredPropertiesBrokerTest {

    @TempDir
    Path dir;

    @Test
    void eachKindOfSendStoresItsPropertiesAsRocketMqDescribesThem() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());

            RemotingCommand single = f.invoke(BrokerFixture.send("T", 0, "one",
                    "KEYS\u0001k1\u0002UNIQ_KEY\u0001U1\u0002WAIT\u0001false\u0002TAGS\u0001A"));
            assertEquals("KEYS\u0001k1\u0002UNIQ_KEY\u0001U1\u0002TAGS\u0001A\u0002CLUSTER\u0001TestCluster",
                    storedProperties(f, single, 0));

            RemotingCommand delayed = f.invoke(BrokerFixture.send("T", 0, "later",
                    "TAGS\u0001A\u0002DELAY\u00013\u0002WAIT\u0001true"));
            assertEquals("TAGS\u0001A\u0002DELAY\u00013\u0002CLUSTER\u0001TestCluster\u0002REAL_TOPIC\u0001T"
                    + "\u0002REAL_QID\u00010", storedProperties(f, delayed, 0));

            RemotingCommand half = f.invoke(transactional("T", "TRAN_MSG\u0001true\u0002PGROUP\u0001pg\u0002"
                    + "UNIQ_KEY\u0001U2"));
            assertEquals("TRAN_MSG\u0001true\u0002PGROUP\u0001pg\u0002UNIQ_KEY\u0001U2\u0002CLUSTER\u0001TestCluster"
                    + "\u0002REAL_TOPIC\u0001T\u0002REAL_QID\u00010", storedProperties(f, half, 0));

            RemotingCommand batch = f.invoke(batch("T", "WAIT\u0001true", entry("b0", "KB0"), entry("b1", "KB1")));
            assertEquals(ResponseCode.SUCCESS, batch.code(), batch.remark());
            for (int i = 0; i < 2; i++) {
                assertEquals("KEYS\u0001KB" + i + "\u0002WAIT\u0001true\u0002TAGS\u0001TagB\u0002WAIT\u0001true"
                        + "\u0002CLUSTER\u0001TestCluster", storedProperties(f, batch, i));
            }
        }
    }

    @Test
    void anUnparsableBatchIsRefusedSayingWhy() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            f.createTopic("T", 1);
            RemotingCommand cut = batch("T", "", entry("b0", "KB0"));
            cut.body(Arrays.copyOf(cut.body(), cut.body().length - 3));
            RemotingCommand refused = f.invoke(cut);
            assertEquals(ResponseCode.MESSAGE_ILLEGAL, refused.code());
            assertTrue(refused.remark().contains("bad batch entry size"), refused.remark());

            RemotingCommand delayed = f.invoke(batch("T", "", delayedEntry()));
            assertEquals(ResponseCode.MESSAGE_ILLEGAL, delayed.code());
            assertTrue(delayed.remark().contains("delayed"), delayed.remark());
        }
    }

    private static Message entry(String body, String key) {
        Message m = new Message("T", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        m.putProperty("WAIT", "true");
        m.setTags("TagB");
        return m;
    }

    private static Message delayedEntry() {
        Message m = new Message("T", "d".getBytes(StandardCharsets.UTF_8));
        m.putProperty("DELAY", "2");
        return m;
    }

    private static RemotingCommand batch(String topic, String properties, Message... messages) {
        ByteBuffer body = BatchBodyCodec.encode(List.of(messages));
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        SendMessageRequestHeader h = header(topic, 0, properties);
        h.setBatch(true);
        return RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE, SendMessageRequestHeaderV2.fromV1(h))
                .body(bytes);
    }

    private static RemotingCommand transactional(String topic, String properties) {
        SendMessageRequestHeader h = header(topic, SysFlag.TRANSACTION_PREPARED_TYPE, properties);
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.fromV1(h))
                .body("half".getBytes(StandardCharsets.UTF_8));
    }

    private static SendMessageRequestHeader header(String topic, int sysFlag, String properties) {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("pg");
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(0);
        h.setSysFlag(sysFlag);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties(properties);
        return h;
    }

    /** The raw properties string of the {@code index}th record a send response names by offset message id. */
    private static String storedProperties(BrokerFixture f, RemotingCommand sent, int index) {
        assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
        String id = sent.extFields().get("msgId").split(",")[index];
        ByteBuffer record = f.broker.store().selectOneMessageByOffset(OffsetMessageId.decode(id).commitLogOffset());
        int sysFlag = record.getInt(StoredMessageCodec.SYSFLAG_POSITION);
        int at = StoredMessageCodec.storeTimestampPosition(sysFlag) + 8 + SysFlag.storeHostLength(sysFlag) + 4 + 8;
        at += 4 + record.getInt(at);
        at += 1 + record.get(at);
        byte[] properties = new byte[record.getShort(at)];
        record.get(at + 2, properties);
        return new String(properties, StandardCharsets.UTF_8);
    }
}
