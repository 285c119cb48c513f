package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.apogee.store.core.LocalMessageStore;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery after a crash is bounded by the tail past the checkpoint: the checkpoint follows dispatch while the store
 * runs, nothing below it is read again, and what lies past the recovered end is cut without being read.
 */
class BoundedRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private MessageStoreConfig config() {
        MessageStoreConfig c = StoreFixture.config(dir);
        c.setFlushIntervalConsumeQueue(50);
        c.setFlushIntervalCommitLog(50);
        c.setFlushCommitLogLeastPages(0);
        c.validate();
        return c;
    }

    private long checkpointOffset() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dir.resolve("checkpoint"))));
        return Long.parseLong(p.getProperty("safeOffset"));
    }

    @Test
    void theCheckpointFollowsDispatchWhileTheStoreRuns() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(config())) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 200; i++) {
                    store.putMessage(message("Follow", i % 4, "body-" + round + "-" + i, "T", null)).join();
                }
                long end = store.getMaxPhyOffset();
                await().atMost(WAIT).until(() -> Files.exists(dir.resolve("checkpoint")) && checkpointOffset() == end);
            }
            assertTrue(Files.exists(dir.resolve("abort")), "the store is still running: a crash would recover");
        }
    }

    @Test
    void aCrashRecoveryReadsNothingBelowTheCheckpoint() throws Exception {
        MessageStoreConfig config = config();
        long firstOffset;
        long end;
        try (LocalMessageStore store = StoreFixture.open(config)) {
            firstOffset = store.putMessage(message("Below", 0, "first", "T", null)).join().wroteOffset();
            for (int i = 0; i < 50; i++) {
                store.putMessage(message("Below", 0, "m" + i, "T", null)).join();
            }
            end = store.getMaxPhyOffset();
        }
        assertEquals(end, checkpointOffset());
        Path file = config.commitLogDir().resolve("00000000000000000000");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("XXXX".getBytes(StandardCharsets.US_ASCII)), firstOffset + 4);
        }
        Files.writeString(dir.resolve("abort"), "");
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(end, store.getMaxPhyOffset(), "the damaged record below the checkpoint was not re-validated");
            assertEquals(51, store.getMaxOffsetInQueue("Below", 0));
        }
    }

    @Test
    void aProcessCrashValidatesFromTheDispatchedOffsetAMachineCrashFromTheSafeOne() throws Exception {
        Path bootIdFile = Path.of("/proc/sys/kernel/random/boot_id");
        assumeTrue(Files.isReadable(bootIdFile), "a Linux boot id");
        String bootId = Files.readString(bootIdFile).trim();
        MessageStoreConfig config = config();
        long end = fillAndClose(config, "Boot", 0, 30);
        Path file = config.commitLogDir().resolve("00000000000000000000");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("XXXX".getBytes(StandardCharsets.US_ASCII)), 4);
        }
        crashWithCheckpoint(0, end, bootId);
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(end, store.getMaxPhyOffset(), "same boot: the page cache held everything below " + end);
            assertEquals(30, store.getMaxOffsetInQueue("Boot", 0));
        }
        crashWithCheckpoint(0, end, "another-boot");
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(0, store.getMaxPhyOffset(), "another boot: validated from the safe offset, cut at the damage");
            assertEquals(0, store.getMaxOffsetInQueue("Boot", 0));
        }
    }

    /** Appends {@code count} messages to a store on {@code config}, closes it and returns the commit log's end. */
    private static long fillAndClose(MessageStoreConfig config, String topic, int queueId, int count)
            throws IOException {
        try (LocalMessageStore store = StoreFixture.open(config)) {
            for (int i = 0; i < count; i++) {
                store.putMessage(message(topic, queueId, "m" + i, "T", null)).join();
            }
            return store.getMaxPhyOffset();
        }
    }

    /** Leaves the store as a crash with this checkpoint would. */
    private void crashWithCheckpoint(long safe, long dispatched, String bootId) throws IOException {
        Files.writeString(dir.resolve("checkpoint"), "safeOffset=" + safe + "\ndispatchedOffset=" + dispatched
                + "\nbootId=" + bootId + "\n");
        Files.writeString(dir.resolve("abort"), "");
    }

    @Test
    void bytesPastTheRecoveredEndAreCutUnreadAndAppendsGoThere() throws Exception {
        MessageStoreConfig config = config();
        long end = fillAndClose(config, "Cut", 1, 20);
        Path file = config.commitLogDir().resolve("00000000000000000000");
        byte[] garbage = new byte[3 * 4096 + 123];
        Arrays.fill(garbage, (byte) 0x5A);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(garbage), end);
        }
        Files.writeString(dir.resolve("abort"), "");
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(end, store.getMaxPhyOffset());
            assertEquals(config.getMappedFileSizeCommitLog(), Files.size(file), "the file keeps its size");
            ByteBuffer after = ByteBuffer.allocate(garbage.length);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ch.read(after, end);
            }
            for (int i = 0; i < garbage.length; i++) {
                assertEquals(0, after.get(i), "byte " + (end + i) + " past the end");
            }
            PutMessageResult r = store.putMessage(message("Cut", 1, "again", "T", null)).join();
            assertEquals(end, r.wroteOffset());
            assertEquals(20, r.queueOffset());
            long newEnd = store.getMaxPhyOffset();
            await().atMost(WAIT).until(() -> checkpointOffset() == newEnd);
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(21, store.getMaxOffsetInQueue("Cut", 1));
            assertEquals("again", new String(store.lookMessageByOffset(end).getBody(), StandardCharsets.UTF_8));
        }
    }
}
