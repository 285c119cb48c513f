package io.apogee.interop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.store.GetMessageResult;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.core.LocalMessageStore;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records our store wrote, read back as a pull would hand them out, decode with Apache's {@code MessageDecoder}. */
class StoreRecordInteropTest {

    @TempDir
    Path dir;

    @Test
    void apacheDecodesOurStoredRecordsIdentically() throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(dir.toString());
        config.setMappedFileSizeCommitLog(1024 * 1024);
        config.setMaxHashSlotNum(100);
        config.setMaxIndexNum(400);
        config.setMaxMessageSize(64 * 1024);
        config.validate();
        InetSocketAddress born = new InetSocketAddress("127.0.0.1", 55546);
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 20911);
        try (LocalMessageStore store = new LocalMessageStore(config)) {
            store.start();
            io.apogee.common.message.MessageExt m = new io.apogee.common.message.MessageExt();
            m.setTopic("ProtoTopic");
            m.setQueueId(1);
            m.setFlag(3);
            m.setBody("hello-0".getBytes(StandardCharsets.UTF_8));
            m.setKeys("K1 K2");
            m.setTags("TagA");
            m.putProperty("myProp", "myValue");
            m.setBornTimestamp(1795460584378L);
            m.setBornHost(born);
            m.setStoreHost(host);
            m.setReconsumeTimes(2);
            assertEquals(PutMessageStatus.PUT_OK, store.putMessage(m).join().status());
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.getMaxOffsetInQueue("ProtoTopic", 1) == 1);
            GetMessageResult got = store.getMessage("g", "ProtoTopic", 1, 0, 32, MessageFilter.ALL);
            ByteBuffer body = ByteBuffer.allocate(got.bufferTotalSize());
            got.messages().forEach(b -> body.put(b.duplicate()));
            List<MessageExt> decoded = MessageDecoder.decodes(body.flip());
            assertEquals(1, decoded.size());
            MessageExt x = decoded.get(0);
            assertEquals("ProtoTopic", x.getTopic());
            assertEquals(1, x.getQueueId());
            assertEquals(3, x.getFlag());
            assertArrayEquals(m.getBody(), x.getBody());
            assertEquals(m.getProperties(), x.getProperties());
            assertEquals(m.getBodyCRC(), x.getBodyCRC());
            assertEquals(m.getStoreTimestamp(), x.getStoreTimestamp());
            assertEquals(1795460584378L, x.getBornTimestamp());
            assertEquals(born, x.getBornHost());
            assertEquals(host, x.getStoreHost());
            assertEquals(2, x.getReconsumeTimes());
            assertEquals(0, x.getQueueOffset());
            assertEquals(0, x.getCommitLogOffset());
            assertEquals(m.getStoreSize(), x.getStoreSize());
            assertEquals(m.getOffsetMsgId(), x.getMsgId());
            assertEquals(m.getOffsetMsgId(), MessageDecoder.createMessageId(ByteBuffer.allocate(16),
                    MessageExt.socketAddress2ByteBuffer(host), 0));
        }
    }
}
