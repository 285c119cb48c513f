package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.TagHash;
import io.apogee.store.core.LocalMessageStore;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendReadTest {

    @TempDir
    Path dir;

    private static PutMessageResult put(MessageStore store, MessageExt m) {
        PutMessageResult r = store.putMessage(m).join();
        assertEquals(PutMessageStatus.PUT_OK, r.status());
        return r;
    }

    private static void awaitDispatched(MessageStore store, String topic, int queueId, long max) {
        await().atMost(Duration.ofSeconds(30)).until(() -> store.getMaxOffsetInQueue(topic, queueId) == max);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void aSingleMessageRoundTripsByteForByte() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            MessageExt m = message("TopicA", 2, "hello-0", "TagA", "K1 K2");
            PutMessageResult r = put(store, m);
            assertEquals(0, r.wroteOffset());
            assertEquals(0, r.queueOffset());
            assertEquals(new OffsetMessageId(StoreFixture.STORE_HOST, 0), OffsetMessageId.decode(r.msgId()));
            awaitDispatched(store, "TopicA", 2, 1);

            GetMessageResult got = store.getMessage("g", "TopicA", 2, 0, 32, MessageFilter.ALL);
            assertEquals(GetMessageStatus.FOUND, got.status());
            assertEquals(1, got.nextBeginOffset());
            assertEquals(StoredMessageCodec.encode(m), got.messages().get(0));
            MessageExt decoded = StoredMessageCodec.decode(got.messages().get(0).duplicate(), true);
            assertEquals(m, decoded);
            assertEquals(r.storeTimestamp(), decoded.getStoreTimestamp());
            assertEquals(StoredMessageCodec.bodyCrc(m.getBody()), decoded.getBodyCRC());
            assertEquals(m, store.lookMessageByOffset(0));
            assertNull(store.lookMessageByOffset(5));
        }
    }

    @Test
    void aBatchGetsConsecutiveOffsetsAndReadsBack() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            put(store, message("TopicB", 0, "before", null, null));
            List<MessageExt> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(message("TopicB", 0, "batch-" + i, "TagB", "KB" + i));
            }
            PutMessageResult r = store.putMessages(batch).join();
            assertEquals(PutMessageStatus.PUT_OK, r.status());
            assertEquals(5, r.msgNum());
            assertEquals(1, r.queueOffset());
            String[] ids = r.msgId().split(",");
            assertEquals(5, ids.length);
            awaitDispatched(store, "TopicB", 0, 6);
            GetMessageResult got = store.getMessage("g", "TopicB", 0, 1, 32, MessageFilter.ALL);
            assertEquals(5, got.messageCount());
            for (int i = 0; i < 5; i++) {
                MessageExt m = StoredMessageCodec.decode(got.messages().get(i).duplicate(), true);
                assertEquals(1 + i, m.getQueueOffset());
                assertEquals(OffsetMessageId.decode(ids[i]).commitLogOffset(), m.getCommitLogOffset());
                assertEquals("batch-" + i, new String(m.getBody()));
            }
            List<MessageExt> mixed = List.of(message("TopicB", 0, "x", null, null),
                    message("TopicB", 1, "y", null, null));
            assertEquals(PutMessageStatus.MESSAGE_ILLEGAL, store.putMessages(mixed).join().status());
        }
    }

    @Test
    void aRecordThatDoesNotFitLeavesABlankAndGoesToTheNextFile() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        try (LocalMessageStore store = StoreFixture.open(config)) {
            byte[] body = new byte[40_000];
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                body[0] = (byte) i;
                offsets.add(put(store, message("Roll", 0, body, null, null)).wroteOffset());
            }
            int fileSize = config.getMappedFileSizeCommitLog();
            long firstInSecond = offsets.stream().filter(o -> o >= fileSize).findFirst().orElseThrow();
            assertEquals(fileSize, firstInSecond);
            long lastInFirst = offsets.get(offsets.indexOf(firstInSecond) - 1);
            int blankAt = (int) (lastInFirst + StoredMessageCodec.storeSize(0, body.length, 4, 0));
            try (FileChannel ch = FileChannel.open(config.commitLogDir().resolve("00000000000000000000"))) {
                ByteBuffer blank = ByteBuffer.allocate(8);
                ch.read(blank, blankAt);
                assertEquals(fileSize - blankAt, blank.getInt(0));
                assertEquals(StoredMessageCodec.BLANK_MAGIC, blank.getInt(4));
            }
            try (Stream<Path> files = Files.list(config.commitLogDir())) {
                assertEquals(3, files.count());
            }
            awaitDispatched(store, "Roll", 0, 60);
            for (long q = 0; q < 60; q += 7) {
                GetMessageResult got = store.getMessage("g", "Roll", 0, q, 1, MessageFilter.ALL);
                assertEquals((byte) q, StoredMessageCodec.decode(got.messages().get(0).duplicate(), true).getBody()[0]);
            }
            GetMessageResult all = store.getMessage("g", "Roll", 0, 0, 100, MessageFilter.ALL);
            assertTrue(all.bufferTotalSize() <= config.getMaxTransferBytesOnMessageInMemory() + 41_000);
        }
    }

    @Test
    void oversizedPartsAreRefusedWithTheirStatus() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            MessageExt big = message("Big", 0, new byte[64 * 1024 + 1], null, null);
            assertEquals(PutMessageStatus.MESSAGE_ILLEGAL, store.putMessage(big).join().status());
            MessageExt longTopic = message("T".repeat(128), 0, "x", null, null);
            assertEquals(PutMessageStatus.MESSAGE_ILLEGAL, store.putMessage(longTopic).join().status());
            MessageExt props = message("Props", 0, "x", null, null);
            props.putProperty("p", "v".repeat(40_000));
            assertEquals(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED, store.putMessage(props).join().status());
            assertEquals(0, store.getMaxPhyOffset());
            assertEquals(PutMessageStatus.PUT_OK,
                    store.putMessage(message("Big", 0, new byte[64 * 1024], null, null)).join().status());
        }
    }

    @Test
    void tagFilterSkipsOtherTagsAndCountsThemAsScanned() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            for (int i = 0; i < 10; i++) {
                put(store, message("Tags", 1, "m" + i, i % 3 == 0 ? "TagA" : "TagB", null));
            }
            awaitDispatched(store, "Tags", 1, 10);
            long tagA = TagHash.of("TagA");
            MessageFilter onlyA = code -> code == tagA;
            GetMessageResult got = store.getMessage("g", "Tags", 1, 0, 32, onlyA);
            assertEquals(4, got.messageCount());
            assertEquals(10, got.nextBeginOffset());
            for (ByteBuffer b : got.messages()) {
                assertEquals("TagA", StoredMessageCodec.decode(b.duplicate(), false).getTags());
            }
            GetMessageResult none = store.getMessage("g", "Tags", 1, 7, 32, code -> false);
            assertEquals(GetMessageStatus.NO_MATCHED_MESSAGE, none.status());
            assertEquals(10, none.nextBeginOffset());
            GetMessageResult two = store.getMessage("g", "Tags", 1, 0, 2, onlyA);
            assertEquals(2, two.messageCount());
            assertEquals(4, two.nextBeginOffset());
        }
    }

    @Test
    void offsetStatusesFollowThePullTable() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            GetMessageResult missing = store.getMessage("g", "Nope", 0, 0, 1, MessageFilter.ALL);
            assertEquals(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE, missing.status());
            for (int i = 0; i < 3; i++) {
                put(store, message("Status", 0, "m" + i, null, null));
            }
            awaitDispatched(store, "Status", 0, 3);
            GetMessageResult one = store.getMessage("g", "Status", 0, 3, 1, MessageFilter.ALL);
            assertEquals(GetMessageStatus.OFFSET_OVERFLOW_ONE, one.status());
            assertEquals(3, one.nextBeginOffset());
            GetMessageResult badly = store.getMessage("g", "Status", 0, 100, 1, MessageFilter.ALL);
            assertEquals(GetMessageStatus.OFFSET_OVERFLOW_BADLY, badly.status());
            assertEquals(3, badly.nextBeginOffset());
            assertEquals(0, store.getMinOffsetInQueue("Status", 0));
            assertEquals(3, store.getMaxOffsetInQueue("Status", 0));
        }
    }

    @Test
    void offsetByTimePicksTheClosestStoreTime() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            long[] times = new long[4];
            for (int i = 0; i < times.length; i++) {
                long previous = i == 0 ? 0 : times[i - 1];
                await().atMost(Duration.ofSeconds(30)).until(() -> System.currentTimeMillis() >= previous + 20);
                times[i] = put(store, message("Time", 0, "m" + i, null, null)).storeTimestamp();
            }
            awaitDispatched(store, "Time", 0, 4);
            for (int i = 0; i < times.length; i++) {
                assertEquals(i, store.getOffsetInQueueByTime("Time", 0, times[i]));
                assertEquals(i, store.getMessageStoreTimestamp("Time", 0, i) == times[i] ? i : -1);
            }
            assertEquals(0, store.getOffsetInQueueByTime("Time", 0, times[0] - 10_000));
            assertEquals(3, store.getOffsetInQueueByTime("Time", 0, times[3] + 10_000));
            assertEquals(1, store.getOffsetInQueueByTime("Time", 0, times[1] + 2));
            assertEquals(2, store.getOffsetInQueueByTime("Time", 0, times[2] - 2));
            assertEquals(times[0], store.getEarliestMessageTime("Time", 0));
            assertEquals(0, store.getOffsetInQueueByTime("Nope", 0, times[0]));
        }
    }

    @Test
    void keyQueriesFindKeysAndUniqueKeysWithinTimeAndLimit() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            MessageExt first = message("Keys", 0, "a", null, "order-1 user-7");
            first.putProperty("UNIQ_KEY", "AC11000100002A9F0000000000000001");
            put(store, first);
            for (int i = 0; i < 5; i++) {
                put(store, message("Keys", 1, "b" + i, null, "user-7"));
            }
            put(store, message("Other", 0, "c", null, "user-7"));
            awaitDispatched(store, "Keys", 1, 5);
            awaitDispatched(store, "Other", 0, 1);
            long now = System.currentTimeMillis();
            QueryMessageResult byKey = store.queryMessage("Keys", "order-1", 32, 0, now + 1000);
            assertEquals(1, byKey.messages().size());
            assertEquals(first, StoredMessageCodec.decode(byKey.messages().get(0).duplicate(), true));
            QueryMessageResult byUniq = store.queryMessage("Keys", "AC11000100002A9F0000000000000001", 32, 0,
                    now + 1000);
            assertEquals(1, byUniq.messages().size());
            assertEquals(6, store.queryMessage("Keys", "user-7", 32, 0, now + 1000).messages().size());
            assertEquals(3, store.queryMessage("Keys", "user-7", 3, 0, now + 1000).messages().size());
            assertEquals(1, store.queryMessage("Other", "user-7", 32, 0, now + 1000).messages().size());
            assertEquals(0, store.queryMessage("Keys", "user-7", 32, now + 60_000, now + 90_000).messages().size());
            assertTrue(byKey.indexLastUpdatePhyOffset() > 0);
        }
    }

    @Test
    void aCleanRestartKeepsEverythingAndAppendsContinue() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        try (LocalMessageStore store = StoreFixture.open(config)) {
            for (int i = 0; i < 10; i++) {
                put(store, message("Restart", i % 2, "m" + i, "T", "key" + i));
            }
        }
        assertTrue(Files.exists(dir.resolve("checkpoint")));
        assertTrue(Files.notExists(dir.resolve("abort")));
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertTrue(Files.exists(dir.resolve("abort")));
            assertEquals(5, store.getMaxOffsetInQueue("Restart", 0));
            PutMessageResult r = put(store, message("Restart", 0, "after", null, null));
            assertEquals(5, r.queueOffset());
            assertEquals(store.getMaxPhyOffset() - r.wroteBytes(), r.wroteOffset());
            awaitDispatched(store, "Restart", 0, 6);
            assertEquals(1, store.queryMessage("Restart", "key3", 32, 0, Long.MAX_VALUE).messages().size());
            assertNotNull(store.getCommitLogData(0, 100));
        }
    }
}
