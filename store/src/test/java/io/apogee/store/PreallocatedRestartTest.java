package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.store.core.LocalMessageStore;
import io.apogee.store.file.MappedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store whose commit log prepares its next file ahead ({@code warmMapedFileEnable}): the roll takes it, a clean
 * shutdown deletes it, and a prepared file left behind (a crash, a failed delete) is no data to recovery.
 */
class PreallocatedRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TOPIC = "Prep";

    @TempDir
    Path dir;

    /** Appends 1 KiB messages until the commit log passes {@code offset}. */
    private static void fillPast(LocalMessageStore store, long offset, List<String> bodies) {
        while (store.getMaxPhyOffset() <= offset) {
            String body = "message " + bodies.size() + " " + "x".repeat(1000);
            assertEquals(PutMessageStatus.PUT_OK, store.putMessage(message(TOPIC, 0, body, null, null)).join()
                    .status());
            bodies.add(body);
        }
        await().atMost(PATIENCE).until(() -> store.getMaxOffsetInQueue(TOPIC, 0) == bodies.size());
    }

    @Test
    void theRollTakesThePreparedFileAndShutdownDeletesTheNextOne() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        config.setWarmMapedFileEnable(true);
        int size = config.getMappedFileSizeCommitLog();
        List<String> bodies = new ArrayList<>();
        try (LocalMessageStore store = StoreFixture.open(config)) {
            fillPast(store, size / 2, bodies);
            await().atMost(PATIENCE).until(() -> store.preallocateService().readyOffset() == size);
            fillPast(store, size + size / 2, bodies);
            assertTrue(store.getMaxPhyOffset() > size, "rolled into the prepared file");
            await().atMost(PATIENCE).until(() -> store.preallocateService().readyOffset() == 2L * size);
            assertTrue(Files.exists(next(config, 2L * size)));
        }
        assertFalse(Files.exists(next(config, 2L * size)), "a clean shutdown deletes the unused prepared file");
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(bodies, readAll(store));
        }
    }

    /**
     * A full-size file of zeros right after the newest data file (what a crash leaves of a prepared file) is not
     * data: after a clean shutdown and after a crash the store recovers the same end, serves everything stored, and
     * appends and rolls on from there.
     */
    @ParameterizedTest(name = "crashed={0}")
    @ValueSource(booleans = {false, true})
    void aPreparedFileLeftBehindLosesNothing(boolean crashed) throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        config.setWarmMapedFileEnable(true);
        int size = config.getMappedFileSizeCommitLog();
        List<String> bodies = new ArrayList<>();
        long end;
        try (LocalMessageStore store = StoreFixture.open(config)) {
            fillPast(store, size + size / 2, bodies);
            end = store.getMaxPhyOffset();
        }
        Path leftover = next(config, 2L * size);
        writeZeros(leftover, size);
        if (crashed) {
            Files.writeString(dir.resolve("abort"), "");
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(end, store.getMaxPhyOffset(), "the same end");
            assertEquals(bodies.size(), store.getMaxOffsetInQueue(TOPIC, 0));
            assertEquals(bodies, readAll(store));
            fillPast(store, 3L * size, bodies);
            assertEquals(bodies, readAll(store));
            end = store.getMaxPhyOffset();
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(end, store.getMaxPhyOffset());
            assertEquals(bodies, readAll(store));
        }
    }

    /** Off, files are created at the roll as before and none is prepared. */
    @Test
    void offNothingIsPrepared() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        config.setWarmMapedFileEnable(false);
        int size = config.getMappedFileSizeCommitLog();
        List<String> bodies = new ArrayList<>();
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertNull(store.preallocateService());
            fillPast(store, size + size / 2, bodies);
            assertFalse(Files.exists(next(config, 2L * size)));
            assertEquals(bodies, readAll(store));
        }
    }

    private static Path next(MessageStoreConfig config, long offset) {
        return config.commitLogDir().resolve(MappedFile.fileName(offset));
    }

    private static void writeZeros(Path file, int size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(size);
            while (zeros.hasRemaining()) {
                ch.write(zeros);
            }
        }
    }

    private static List<String> readAll(LocalMessageStore store) {
        return StoreFixture.readBodies(store, TOPIC, 0);
    }
}
