package io.apogee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.store.core.LocalMessageStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read your writes in the store: after an append completed, {@code awaitDispatched} makes the queue show it. */
class AwaitDispatchedTest {

    @TempDir
    Path dir;

    @Test
    void everyCompletedAppendIsInItsQueueOnceAwaited() throws Exception {
        try (LocalMessageStore store = StoreFixture.open(StoreFixture.config(dir))) {
            for (int i = 1; i <= 2_000; i++) {
                PutMessageResult put = store.putMessage(StoreFixture.message("T", i % 2, "m" + i, null, null))
                        .get(30, TimeUnit.SECONDS);
                assertTrue(put.isOk(), put.status().toString());
                assertTrue(store.awaitDispatched());
                long acknowledgedInQueue = put.queueOffset() + 1;
                assertEquals(acknowledgedInQueue, store.getMaxOffsetInQueue("T", i % 2), "after put " + i);
            }
        }
    }
}
