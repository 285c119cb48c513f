package io.apogee.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublishedTest {

    /** A snapshot whose two keys are always changed together: a reader seeing them differ saw a half update. */
    record Pair(long first, long second) {
    }

    @Test
    void readersSeeWholeSnapshotsWhileUpdatesRun() throws Exception {
        Published<Pair> published = new Published<>(new Pair(0, 0));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong torn = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        CountDownLatch readersDone = new CountDownLatch(2);
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    Pair p = published.get();
                    if (p.first() != p.second()) {
                        torn.incrementAndGet();
                    }
                    reads.incrementAndGet();
                }
                readersDone.countDown();
            });
            reader.setDaemon(true);
            reader.start();
        }
        for (int i = 1; i <= 20_000; i++) {
            published.update(p -> new Pair(p.first() + 1, p.second() + 1));
        }
        stop.set(true);
        assertEquals(true, readersDone.await(30, TimeUnit.SECONDS));
        assertEquals(0, torn.get(), "snapshots seen half-updated out of " + reads.get() + " reads");
        assertEquals(new Pair(20_000, 20_000), published.get());
    }

    @Test
    void aFailedUpdateLeavesTheSnapshot() {
        Pair initial = new Pair(1, 1);
        Published<Pair> published = new Published<>(initial);
        ConfigException e = assertThrows(ConfigException.class, () -> published.update(p -> {
            throw new ConfigException("first", "must be positive");
        }));
        assertEquals("first", e.key());
        assertSame(initial, published.get());
    }
}
