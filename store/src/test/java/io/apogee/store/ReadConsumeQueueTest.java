package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.TagHash;
import io.apogee.store.core.LocalMessageStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MessageStore#readConsumeQueue}, the entries QUERY_CONSUME_QUEUE shows, across consume-queue files. */
class ReadConsumeQueueTest {

    @TempDir
    Path dir;

    @Test
    void readsEntriesAcrossQueueFiles() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            List<PutMessageResult> puts = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                PutMessageResult r = store.putMessage(message("Cq", 0, "m" + i, "Tag" + (i % 3), null)).join();
                assertEquals(PutMessageStatus.PUT_OK, r.status());
                puts.add(r);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> store.getMaxOffsetInQueue("Cq", 0) == 150);

            // 100 entries per file (StoreFixture): offsets 95..104 span two files.
            List<ConsumeQueueEntry> entries = store.readConsumeQueue("Cq", 0, 95, 10).orElseThrow();
            assertEquals(10, entries.size());
            for (int i = 0; i < 10; i++) {
                PutMessageResult put = puts.get(95 + i);
                assertEquals(new ConsumeQueueEntry(put.wroteOffset(), put.wroteBytes(),
                        TagHash.of("Tag" + ((95 + i) % 3))), entries.get(i));
            }
            assertEquals(5, store.readConsumeQueue("Cq", 0, 145, 10).orElseThrow().size(), "fewer at the end");
            assertTrue(store.readConsumeQueue("Cq", 0, 150, 10).orElseThrow().isEmpty(), "none past the end");
            assertEquals(Optional.empty(), store.readConsumeQueue("Cq", 1, 0, 10), "no such queue");
        }
    }
}
