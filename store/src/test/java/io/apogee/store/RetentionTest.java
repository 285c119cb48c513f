package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.StoredMessageCodec;
import io.apogee.store.core.LocalMessageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    private static final int FILE_SIZE = 128 * 1024;
    private static final int MESSAGES = 300;

    @TempDir
    Path dir;

    private MessageStoreConfig config() {
        MessageStoreConfig c = StoreFixture.config(dir);
        c.setMappedFileSizeCommitLog(FILE_SIZE);
        c.setMaxIndexNum(100);
        c.setFlushCommitLogLeastPages(0);
        c.setDiskMaxUsedSpaceRatio(95);
        c.setDiskSpaceCleanForciblyRatio(1.0);
        c.setDeleteWhen(String.valueOf((LocalTime.now().getHour() + 12) % 24));
        // these tests count the files in the commit-log directory: no next file prepared ahead among them
        c.setWarmMapedFileEnable(false);
        c.validate();
        return c;
    }

    /** Puts {@link #MESSAGES} 2000-byte messages to Ret/0 and returns their commit-log offsets. */
    private static List<Long> fill(MessageStore store) {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            PutMessageResult r = store.putMessage(message("Ret", 0, new byte[2000], null, "k" + i)).join();
            assertEquals(PutMessageStatus.PUT_OK, r.status());
            offsets.add(r.wroteOffset());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> store.getMaxOffsetInQueue("Ret", 0) == MESSAGES);
        return offsets;
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void age(Path file, long hours) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - hours * 3_600_000L));
    }

    @Test
    void expiredFilesGoWithTheirQueueAndIndexEntries() throws Exception {
        MessageStoreConfig config = config();
        try (LocalMessageStore store = StoreFixture.open(config)) {
            List<Long> offsets = fill(store);
            Path clDir = config.commitLogDir();
            long clFiles = count(clDir);
            long indexFiles = count(dir.resolve("index"));
            assertTrue(clFiles >= 5 && indexFiles >= 3, clFiles + " / " + indexFiles);
            for (int i = 0; i < 3; i++) {
                age(clDir.resolve(String.format("%020d", (long) i * FILE_SIZE)), 100);
            }
            assertEquals(0, store.cleanService().clean(false), "not the delete hour, disk not full");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                store.cleanService().clean(true);
                return store.getMinPhyOffset() == 3L * FILE_SIZE;
            });

            assertEquals(3L * FILE_SIZE, store.getMinPhyOffset());
            assertEquals(clFiles - 3, count(clDir));
            assertTrue(count(dir.resolve("index")) < indexFiles);
            long firstKept = 0;
            while (offsets.get((int) firstKept) < 3L * FILE_SIZE) {
                firstKept++;
            }
            assertEquals(firstKept, store.getMinOffsetInQueue("Ret", 0));
            assertFalse(Files.exists(dir.resolve("consumequeue/Ret/0/00000000000000000000")));
            GetMessageResult tooSmall = store.getMessage("g", "Ret", 0, 0, 1, MessageFilter.ALL);
            assertEquals(GetMessageStatus.OFFSET_TOO_SMALL, tooSmall.status());
            assertEquals(firstKept, tooSmall.nextBeginOffset());
            GetMessageResult first = store.getMessage("g", "Ret", 0, firstKept, 1, MessageFilter.ALL);
            assertEquals(offsets.get((int) firstKept),
                    StoredMessageCodec.decode(first.messages().get(0).duplicate(), false).getCommitLogOffset());
            assertEquals(0, store.queryMessage("Ret", "k0", 32, 0, Long.MAX_VALUE).messages().size());
            assertEquals(0, store.cleanService().clean(true), "the remaining files are fresh");
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(3L * FILE_SIZE, store.getMinPhyOffset());
            assertEquals(MESSAGES, store.getMaxOffsetInQueue("Ret", 0));
        }
    }

    @Test
    void pastTheForcedCleanRatioOldestFilesGoWhateverTheirAge() throws Exception {
        MessageStoreConfig config = config();
        config.setDiskSpaceCleanForciblyRatio(0.0001);
        try (LocalMessageStore store = StoreFixture.open(config)) {
            fill(store);
            long lastFileStart = store.getMaxPhyOffset() - store.getMaxPhyOffset() % FILE_SIZE;
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                store.cleanService().clean(false);
                return store.getMinPhyOffset() == lastFileStart;
            });
            assertEquals(1, count(config.commitLogDir()));
        }
    }

    @Test
    void pastTheWarningRatioAppendsAreRefusedAndReadsServed() throws Exception {
        MessageStoreConfig config = config();
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(PutMessageStatus.PUT_OK, store.putMessage(message("Full", 0, "kept", null, null)).join()
                    .status());
        }
        config.setDiskSpaceWarningLevelRatio(0.0001);
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertTrue(store.isDiskFull());
            long end = store.getMaxPhyOffset();
            PutMessageResult refused = store.putMessage(message("Full", 0, "refused", null, null)).join();
            assertEquals(PutMessageStatus.DISK_FULL, refused.status());
            assertEquals(end, store.getMaxPhyOffset());
            GetMessageResult read = store.getMessage("g", "Full", 0, 0, 32, MessageFilter.ALL);
            assertEquals(GetMessageStatus.FOUND, read.status());
            assertEquals(1, read.messageCount());
            assertEquals(1, store.stats().putMessageFailedTimes());
            assertTrue(store.stats().commitLogDiskRatio() > 0.0001);
        }
    }
}
