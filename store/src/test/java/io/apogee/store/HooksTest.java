package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.store.core.LocalMessageStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker- and HA-facing hooks: dispatch listeners, raw commit-log replication, topic deletion, stats. */
class HooksTest {

    @TempDir
    Path dir;

    @Test
    void listenersHearEveryQueuedMessageWithTheNewMaxOffset() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            List<String> heard = new CopyOnWriteArrayList<>();
            store.addDispatchListener((topic, queueId, maxOffset, tagsCode, storeTimestamp) ->
                    heard.add(topic + "/" + queueId + "/" + maxOffset + "/" + tagsCode));
            store.putMessage(message("Hear", 3, "a", "TagA", null)).join();
            store.putMessage(message("Hear", 3, "b", null, null)).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() == 2);
            assertEquals(List.of("Hear/3/1/" + "TagA".hashCode(), "Hear/3/2/0"), heard);
        }
    }

    @Test
    void rawCommitLogDataReplicatesToAnotherStore() throws Exception {
        MessageStoreConfig masterConfig = StoreFixture.config(dir.resolve("master"));
        MessageStoreConfig slaveConfig = StoreFixture.config(dir.resolve("slave"));
        try (LocalMessageStore master = StoreFixture.open(masterConfig);
                LocalMessageStore slave = StoreFixture.open(slaveConfig)) {
            byte[] body = new byte[30_000];
            for (int i = 0; i < 50; i++) {
                master.putMessage(message("Ha", i % 2, body, null, "k" + i)).join();
            }
            long offset = 0;
            while (offset < master.getMaxPhyOffset()) {
                ByteBuffer chunk = master.getCommitLogData(offset, 32 * 1024);
                int size = chunk.remaining();
                assertTrue(slave.appendToCommitLog(offset, chunk));
                offset += size;
            }
            assertFalse(slave.appendToCommitLog(5, ByteBuffer.allocate(4)), "only at the end");
            assertEquals(master.getMaxPhyOffset(), slave.getMaxPhyOffset());
            await().atMost(Duration.ofSeconds(30)).until(() -> slave.getMaxOffsetInQueue("Ha", 1) == 25);
            assertEquals(25, slave.getMaxOffsetInQueue("Ha", 0));
            for (long q = 0; q < 25; q++) {
                assertEquals(master.getMessage("g", "Ha", 1, q, 1, MessageFilter.ALL).messages(),
                        slave.getMessage("g", "Ha", 1, q, 1, MessageFilter.ALL).messages());
            }
            assertEquals(1, slave.queryMessage("Ha", "k49", 32, 0, Long.MAX_VALUE).messages().size());
            assertNull(master.getCommitLogData(master.getMaxPhyOffset(), 100));
        }
    }

    @Test
    void deletingATopicDropsItsQueuesAndRestartsItsOffsets() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            store.putMessage(message("Gone", 0, "a", null, null)).join();
            store.putMessage(message("Gone-1", 0, "b", null, null)).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> store.getMaxOffsetInQueue("Gone", 0) == 1
                    && store.getMaxOffsetInQueue("Gone-1", 0) == 1);
            store.deleteTopics(Set.of("Gone"));
            assertFalse(Files.exists(dir.resolve("consumequeue/Gone")));
            assertEquals(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE,
                    store.getMessage("g", "Gone", 0, 0, 1, MessageFilter.ALL).status());
            assertEquals(1, store.getMaxOffsetInQueue("Gone-1", 0));
            assertEquals(0, store.putMessage(message("Gone", 0, "c", null, null)).join().queueOffset());
            assertEquals(1, store.putMessage(message("Gone-1", 0, "d", null, null)).join().queueOffset());
        }
    }

    @Test
    void statsCountPutsAndReads() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            for (int i = 0; i < 4; i++) {
                store.putMessage(message("Stats", 0, "m" + i, null, null)).join();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> store.getMaxOffsetInQueue("Stats", 0) == 4);
            store.countClientRead(store.getMessage("g", "Stats", 0, 0, 32, MessageFilter.ALL));
            store.countClientRead(store.getMessage("g", "Stats", 0, 4, 32, MessageFilter.ALL));
            store.getMessage("SCHEDULE_CONSUMER", "Stats", 0, 4, 32, MessageFilter.ALL);
            StoreStats stats = store.stats();
            assertEquals(4, stats.putMessageTimesTotal());
            assertEquals(store.getMaxPhyOffset(), stats.putMessageSizeTotal());
            assertEquals(1, stats.getMessageTimesTotalFound());
            assertEquals(1, stats.getMessageTimesTotalMiss());
            assertEquals(4, stats.getMessageTransferredMsgCount());
            assertEquals(0, stats.dispatchBehindBytes());
            assertTrue(stats.commitLogDiskRatio() > 0);
            assertEquals("4", stats.toRuntimeInfo().get("putMessageTimesTotal"));
        }
    }

    @Test
    void syncFlushAcknowledgesAfterTheGroupCommit() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        config.setSyncFlushTimeout(30_000); // a disk shared with other builds can take seconds to flush
        try (LocalMessageStore store = StoreFixture.open(config)) {
            PutMessageResult r = store.putMessage(message("Sync", 0, "durable", null, null)).join();
            assertEquals(PutMessageStatus.PUT_OK, r.status());
            assertTrue(r.withStatus(PutMessageStatus.FLUSH_DISK_TIMEOUT).status().isStored());
            assertFalse(PutMessageStatus.DISK_FULL.isStored());
            var unwaited = message("Sync", 0, "no wait", null, null);
            unwaited.putProperty("WAIT", "false");
            assertEquals(PutMessageStatus.PUT_OK, store.putMessage(unwaited).join().status());
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(2, store.getMaxOffsetInQueue("Sync", 0));
        }
    }
}
