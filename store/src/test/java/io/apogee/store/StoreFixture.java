package io.apogee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.store.core.LocalMessageStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small stores on temp directories and messages to put into them. */
public final class StoreFixture {

    /** 127.0.0.1:10911, the store host stamped on test messages. */
    public static final InetSocketAddress STORE_HOST = address(10911);
    /** 127.0.0.1:40000, the born host stamped on test messages. */
    public static final InetSocketAddress BORN_HOST = address(40000);

    private StoreFixture() {
    }

    private static InetSocketAddress address(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A config with small files under {@code dir}: 1 MiB commit-log files, 100-entry queue files, small index. */
    public static MessageStoreConfig config(Path dir) {
        MessageStoreConfig c = new MessageStoreConfig();
        c.setStorePathRootDir(dir.toString());
        c.setMappedFileSizeCommitLog(1024 * 1024);
        c.setMappedFileSizeConsumeQueue(100 * 20);
        c.setMaxMessageSize(64 * 1024);
        c.setMaxHashSlotNum(1000);
        c.setMaxIndexNum(4000);
        c.validate();
        return c;
    }

    /** Starts a store on {@code config}. */
    public static LocalMessageStore open(MessageStoreConfig config) throws IOException {
        LocalMessageStore store = new LocalMessageStore(config);
        store.start();
        return store;
    }

    /** A message for {@code topic}/{@code queueId} with a text body, optional tag and keys. */
    public static MessageExt message(String topic, int queueId, String body, String tag, String keys) {
        return message(topic, queueId, body.getBytes(StandardCharsets.UTF_8), tag, keys);
    }

    /** The bodies, as text, of every message in {@code topic}/{@code queueId}, oldest first. */
    public static List<String> readBodies(MessageStore store, String topic, int queueId) {
        List<String> bodies = new ArrayList<>();
        long offset = store.getMinOffsetInQueue(topic, queueId);
        while (offset < store.getMaxOffsetInQueue(topic, queueId)) {
            GetMessageResult read = store.getMessage("g", topic, queueId, offset, 32, MessageFilter.ALL);
            assertEquals(GetMessageStatus.FOUND, read.status(), "at offset " + offset);
            for (ByteBuffer buffer : read.messages()) {
                MessageExt m = StoredMessageCodec.decode(buffer.duplicate(), true);
                bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
            offset = read.nextBeginOffset();
        }
        return bodies;
    }

    /** A message for {@code topic}/{@code queueId} with a binary body, optional tag and keys. */
    public static MessageExt message(String topic, int queueId, byte[] body, String tag, String keys) {
        MessageExt m = new MessageExt();
        m.setTopic(topic);
        m.setQueueId(queueId);
        m.setBody(body);
        m.setBornTimestamp(System.currentTimeMillis());
        m.setBornHost(BORN_HOST);
        m.setStoreHost(STORE_HOST);
        if (tag != null) {
            m.setTags(tag);
        }
        if (keys != null) {
            m.setKeys(keys);
        }
        return m;
    }
}
