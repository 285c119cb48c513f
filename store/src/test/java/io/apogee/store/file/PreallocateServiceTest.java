package io.apogee.store.file;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.service.ServiceRunner;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.StoreFixture;
import io.apogee.store.commitlog.CommitLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The next file prepared off the append path: taken at the roll, fallen back from, refused for lack of room. */
class PreallocateServiceTest {

    private static final int FILE_SIZE = 256 * 1024;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private MappedFileQueue queue;
    private PreallocateService service;
    private ServiceRunner runner;

    private void start(PreallocateService.Reserver reserver) {
        queue = new MappedFileQueue(dir, FILE_SIZE);
        service = new PreallocateService(queue, reserver);
        runner = new ServiceRunner(service, 10, TimeUnit.MILLISECONDS);
        service.onTaken(runner::wakeup);
        queue.setNextFileSource(service);
        runner.start();
    }

    @AfterEach
    void stop() {
        if (runner != null) {
            service.shutdown();
            runner.close();
            queue.close();
        }
    }

    /** The first file, written past half its size. */
    private MappedFile halfWrittenFirstFile() throws IOException {
        MappedFile first = queue.writableFile(0);
        assertEquals(0, first.fromOffset());
        first.setWrotePosition(FILE_SIZE / 2);
        return first;
    }

    private static Path fileAt(Path dir, long offset) {
        return dir.resolve(MappedFile.fileName(offset));
    }

    @Test
    void theRollTakesTheFilePreparedWithAllItsBlocks() throws Exception {
        AtomicInteger reserved = new AtomicInteger();
        start((channel, size, stop) -> {
            reserved.incrementAndGet();
            return PreallocateService.ZEROS.reserve(channel, size, stop);
        });
        MappedFile first = queue.writableFile(0);
        assertEquals(0, reserved.get(), "the first file is created at the roll");
        assertEquals(-1, service.readyOffset(), "nothing prepared before the newest file is half written");
        first.setWrotePosition(FILE_SIZE / 2);
        await().atMost(PATIENCE).until(() -> service.readyOffset() == FILE_SIZE);
        long allocated = allocatedBytes(fileAt(dir, FILE_SIZE));
        assertTrue(allocated >= FILE_SIZE, "every block of the prepared file reserved: " + allocated);

        first.setWrotePosition(FILE_SIZE);
        MappedFile second = queue.writableFile(0);
        assertEquals(FILE_SIZE, second.fromOffset());
        assertEquals(-1, service.readyOffset(), "the roll took the prepared file");
        assertEquals(1, reserved.get(), "prepared once, by the service");
        assertEquals(2, queue.files().size());
        second.buffer().putLong(0, 42);
        second.setWrotePosition(FILE_SIZE / 2);
        await().atMost(PATIENCE).until(() -> service.readyOffset() == 2L * FILE_SIZE);
        assertEquals(42, second.buffer().getLong(0), "preparing the next file leaves the taken one alone");
    }

    @Test
    void aFailedPreparationFallsBackToCreatingTheFileAtTheRoll() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        start((channel, size, stop) -> {
            attempts.incrementAndGet();
            throw new IOException("injected failure");
        });
        MappedFile first = halfWrittenFirstFile();
        await().atMost(PATIENCE).until(() -> attempts.get() >= 1);
        assertEquals(-1, service.readyOffset());
        assertTrue(service.noSpace().isEmpty(), "not a lack of space");
        assertFalse(Files.exists(fileAt(dir, FILE_SIZE)), "a failed preparation deletes its file");

        first.setWrotePosition(FILE_SIZE);
        MappedFile second = queue.writableFile(0);
        assertEquals(FILE_SIZE, second.fromOffset(), "created at the roll instead");
        assertTrue(Files.exists(second.path()));
        second.buffer().putLong(0, 7);
        assertEquals(7, second.buffer().getLong(0));
    }

    @Test
    void noRoomRefusesTheRollWithDiskFullUntilSpaceReturns() throws Exception {
        AtomicBoolean full = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        start((channel, size, stop) -> {
            attempts.incrementAndGet();
            if (full.get()) {
                throw new IOException("No space left on device");
            }
            return PreallocateService.ZEROS.reserve(channel, size, stop);
        });
        CommitLog log = new CommitLog(queue, 32 * 1024);
        byte[] body = new byte[10_000];
        while (log.maxOffset() < FILE_SIZE / 2) {
            assertTrue(log.appendBatch(List.of(StoreFixture.message("Full", 0, body, null, null))).isOk());
        }
        await("the preparation finds no room").atMost(PATIENCE).until(() -> service.noSpace().isPresent());
        PutMessageResult last;
        int stored = 0;
        do {
            last = log.appendBatch(List.of(StoreFixture.message("Full", 0, body, null, null)));
            stored += last.isOk() ? 1 : 0;
        } while (last.isOk() && stored < 1000);
        assertEquals(PutMessageStatus.DISK_FULL, last.status(), "after " + stored + " appends");
        assertTrue(attempts.get() >= 1);
        long end = log.maxOffset();
        assertEquals(FILE_SIZE, end, "the first file is closed by its blank");
        String why = service.noSpace().orElseThrow();
        assertTrue(why.startsWith("no room to reserve the next commit-log file " + fileAt(dir, FILE_SIZE) + ": "
                + FILE_SIZE + " bytes needed, "), why);
        assertTrue(why.endsWith(" bytes free"), why);
        IOException refused = assertThrows(NoSpaceException.class, () -> queue.writableFile(0));
        assertTrue(refused.getMessage().startsWith("no room to reserve the next commit-log file "
                + fileAt(dir, FILE_SIZE)), refused.getMessage());
        assertEquals(PutMessageStatus.DISK_FULL,
                log.appendBatch(List.of(StoreFixture.message("Full", 0, body, null, null))).status());
        assertEquals(end, log.maxOffset(), "nothing appended while refused");

        full.set(false);
        await("retried once space is back").atMost(PATIENCE).until(() -> service.readyOffset() == FILE_SIZE);
        assertTrue(service.noSpace().isEmpty());
        PutMessageResult after = log.appendBatch(List.of(StoreFixture.message("Full", 0, body, null, null)));
        assertEquals(PutMessageStatus.PUT_OK, after.status());
        assertEquals(FILE_SIZE, after.wroteOffset(), "appended at the start of the prepared file");
    }

    @Test
    void aRollDuringTheReservationTakesThePartlyReservedFile() throws Exception {
        CountDownLatch reserving = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        start((channel, size, stop) -> {
            reserving.countDown();
            while (!stop.getAsBoolean()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            stopped.set(true);
            return 0;
        });
        MappedFile first = halfWrittenFirstFile();
        assertTrue(reserving.await(30, TimeUnit.SECONDS));
        first.setWrotePosition(FILE_SIZE);
        MappedFile second = queue.writableFile(0);
        assertTrue(stopped.get(), "the reservation stopped before the roll went on");
        assertEquals(FILE_SIZE, second.fromOffset());
        assertEquals(fileAt(dir, FILE_SIZE), second.path());
        assertEquals(FILE_SIZE, Files.size(second.path()));
        assertEquals(-1, service.readyOffset());
        second.buffer().putLong(FILE_SIZE - 8, 9);
        assertEquals(9, second.buffer().getLong(FILE_SIZE - 8));
    }

    @Test
    void shutdownStopsAReservationEndsTheThreadAndDeletesTheUnusedFile() throws Exception {
        Set<Thread> before = serviceThreads();
        CountDownLatch reserving = new CountDownLatch(1);
        start((channel, size, stop) -> {
            reserving.countDown();
            while (!stop.getAsBoolean()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            return 0;
        });
        halfWrittenFirstFile();
        assertTrue(reserving.await(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(fileAt(dir, FILE_SIZE)));
        Thread thread = serviceThreads().stream().filter(t -> !before.contains(t)).findFirst().orElseThrow();
        service.shutdown();
        runner.close();
        assertFalse(runner.isRunning());
        assertFalse(thread.isAlive(), "the service's thread ended");
        assertFalse(Files.exists(fileAt(dir, FILE_SIZE)), "the unfinished file is deleted");
    }

    @Test
    void closingDeletesAPreparedFileNobodyTook() throws Exception {
        start(PreallocateService.ZEROS);
        halfWrittenFirstFile();
        await().atMost(PATIENCE).until(() -> service.readyOffset() == FILE_SIZE);
        service.shutdown();
        runner.close();
        assertFalse(Files.exists(fileAt(dir, FILE_SIZE)));
        assertNotNull(queue.last());
        assertEquals(1, queue.files().size());
    }

    private static Set<Thread> serviceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ApogeePreallocate"))
                .collect(Collectors.toSet());
    }

    /** Bytes of disk the file holds (st_blocks), by {@code stat}. */
    static long allocatedBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        String[] parts = out.split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }
}
