package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.store.core.LocalMessageStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM appends with SYNC_FLUSH and is killed with SIGKILL; the store is then reopened and checked. */
class CrashRecoveryTest {

    private static final int ACKS = 1500;

    @TempDir
    Path dir;

    /** Runs the child until it acknowledged {@link #ACKS} messages, kills it, returns offset → record bytes. */
    private TreeMap<Long, byte[]> runAndKill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), CrashLoadMain.class.getName(), dir.toString());
        pb.redirectErrorStream(true);
        Process child = pb.start();
        ConcurrentSkipListMap<Long, byte[]> acks = new ConcurrentSkipListMap<>();
        Thread reader = new Thread(() -> readAcks(child, acks), "crash-child-reader");
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= ACKS || !child.isAlive());
            assertTrue(child.isAlive(), "child died before the kill");
        } finally {
            child.destroyForcibly();
            child.waitFor();
            reader.join();
        }
        assertTrue(Files.exists(dir.resolve("abort")), "a killed store leaves its abort marker");
        return new TreeMap<>(acks);
    }

    private static void readAcks(Process child, Map<Long, byte[]> acks) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] parts = line.split(" ");
                if (parts.length == 4 && parts[0].equals("ACK") && parts[3].equals("END")) {
                    acks.put(Long.parseLong(parts[1]), Base64.getDecoder().decode(parts[2]));
                }
            }
        } catch (IOException e) {
            // the kill closed the pipe: the output ends here, and only complete lines were taken
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /**
     * Walks every record of the commit log and checks it against its consume queue: consecutive queue offsets per
     * queue, the queue entry at that offset points at the same bytes, and each queue's max offset is the count.
     */
    private static void assertQueuesAgreeWithCommitLog(MessageStore store, int fileSize) {
        Map<String, Long> counts = new HashMap<>();
        long offset = store.getMinPhyOffset();
        while (offset < store.getMaxPhyOffset()) {
            ByteBuffer record = store.selectOneMessageByOffset(offset);
            if (record == null) {
                offset = (offset / fileSize + 1) * fileSize;
                continue;
            }
            MessageExt m = StoredMessageCodec.decode(record.duplicate(), false);
            String key = m.getTopic() + "/" + m.getQueueId();
            long expected = counts.getOrDefault(key, 0L);
            assertEquals(expected, m.getQueueOffset(), "queue offset of the record at " + offset);
            GetMessageResult got = store.getMessage("g", m.getTopic(), m.getQueueId(), expected, 1,
                    MessageFilter.ALL);
            assertEquals(GetMessageStatus.FOUND, got.status(), key + " at " + expected);
            assertEquals(record, got.messages().get(0));
            counts.put(key, expected + 1);
            offset += record.remaining();
        }
        assertEquals(4, counts.size());
        counts.forEach((key, count) -> {
            String[] tq = key.split("/");
            assertEquals(count, store.getMaxOffsetInQueue(tq[0], Integer.parseInt(tq[1])), key);
        });
    }

    @Test
    void everyAcknowledgedMessageSurvivesSigkill() throws Exception {
        TreeMap<Long, byte[]> acks = runAndKill();
        MessageStoreConfig config = CrashLoadMain.config(dir);
        try (LocalMessageStore store = StoreFixture.open(config)) {
            for (Map.Entry<Long, byte[]> ack : acks.entrySet()) {
                ByteBuffer record = store.selectOneMessageByOffset(ack.getKey());
                assertArrayEquals(ack.getValue(), record == null ? null : bytes(record), "record at " + ack.getKey());
            }
            assertTrue(store.getMaxPhyOffset() >= acks.lastKey() + acks.lastEntry().getValue().length);
            assertTrue(store.getMaxPhyOffset() > config.getMappedFileSizeCommitLog(), "the load rolled files");
            assertQueuesAgreeWithCommitLog(store, config.getMappedFileSizeCommitLog());
        }
    }

    @Test
    void aTornTailIsCutAndAppendsContinueCleanly() throws Exception {
        TreeMap<Long, byte[]> acks = runAndKill();
        MessageStoreConfig config = CrashLoadMain.config(dir);
        int fileSize = config.getMappedFileSizeCommitLog();
        long tornOffset = acks.lastKey();
        byte[] torn = acks.lastEntry().getValue();
        Path file = config.commitLogDir().resolve(String.format("%020d", tornOffset - tornOffset % fileSize));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(tornOffset % fileSize + torn.length / 2);
        }
        MessageExt tornMessage = StoredMessageCodec.decode(ByteBuffer.wrap(torn), false);
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(tornOffset, store.getMaxPhyOffset());
            assertNull(store.selectOneMessageByOffset(tornOffset));
            for (Map.Entry<Long, byte[]> ack : acks.headMap(tornOffset).entrySet()) {
                assertArrayEquals(ack.getValue(), bytes(store.selectOneMessageByOffset(ack.getKey())));
            }
            assertEquals(tornMessage.getQueueOffset(),
                    store.getMaxOffsetInQueue(tornMessage.getTopic(), tornMessage.getQueueId()));
            assertQueuesAgreeWithCommitLog(store, fileSize);

            MessageExt after = message(tornMessage.getTopic(), tornMessage.getQueueId(), "after", null, "again");
            PutMessageResult r = store.putMessage(after).join();
            assertEquals(PutMessageStatus.PUT_OK, r.status());
            assertEquals(tornOffset, r.wroteOffset());
            assertEquals(tornMessage.getQueueOffset(), r.queueOffset());
            for (int i = 0; i < 20; i++) {
                store.putMessage(message(tornMessage.getTopic(), tornMessage.getQueueId(), "more", null, "again"))
                        .join();
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    store.queryMessage(tornMessage.getTopic(), "again", 64, 0, Long.MAX_VALUE).messages().size() == 21);
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals("after", after(store, tornOffset));
            assertQueuesAgreeWithCommitLog(store, fileSize);
        }
    }

    @Test
    void aFileCutAfterACleanShutdownIsRecoveredAsAfterACrash() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        long lastOffset;
        try (LocalMessageStore store = StoreFixture.open(config)) {
            for (int i = 0; i < 9; i++) {
                store.putMessage(message("Cut", 0, "m" + i, null, null)).join();
            }
            lastOffset = store.putMessage(message("Cut", 0, "last", null, null)).join().wroteOffset();
        }
        try (FileChannel ch = FileChannel.open(config.commitLogDir().resolve("00000000000000000000"),
                StandardOpenOption.WRITE)) {
            ch.truncate(lastOffset + 10);
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(lastOffset, store.getMaxPhyOffset());
            assertEquals(9, store.getMaxOffsetInQueue("Cut", 0));
            assertEquals(9, store.putMessage(message("Cut", 0, "again", null, null)).join().queueOffset());
        }
    }

    private static String after(MessageStore store, long offset) {
        return new String(store.lookMessageByOffset(offset).getBody(), StandardCharsets.UTF_8);
    }
}
