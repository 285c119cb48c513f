package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.store.core.LocalMessageStore;
import io.apogee.store.file.MappedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store on a real, small file system (a 64 MiB tmpfs this test mounts; it needs root, and is skipped saying so
 * where mounting is not allowed) that a ballast file fills past {@code diskSpaceWarningLevelRatio} (RocketMQ's 0.90):
 * appends are refused with DISK_FULL and a description naming the path, how full and the key; reads keep working;
 * what was stored survives, also a restart; appends resume once the ballast is gone. Past the ratio (guard off), the
 * roll that finds no room for the next commit-log file is refused the same way. Retention is kept out of the way
 * (fresh files, forced cleaning off) so that nothing stored goes.
 */
class DiskFullTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MESSAGES = 200;

    @TempDir
    Path dir;
    private Path disk;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk.toString());
        Assumptions.assumeTrue(mounted, "mounting a 64 MiB tmpfs is not permitted here (the test needs root): "
                + "disk-full behaviour on a real file system is not tested");
    }

    /** Lazily: the store's mappings may outlive its close until they are collected, and keep the mount busy. */
    @AfterEach
    void unmount() throws Exception {
        if (disk != null && Files.getFileStore(disk).type().equals("tmpfs")) {
            assertTrue(run("umount", "-l", disk.toString()), "umount -l " + disk);
        }
    }

    private MessageStoreConfig config(Path root) {
        MessageStoreConfig c = StoreFixture.config(root);
        c.setCleanResourceInterval(100);
        c.setDiskSpaceCleanForciblyRatio(1.0);
        c.setDeleteWhen(String.valueOf((LocalTime.now().getHour() + 12) % 24));
        c.validate();
        return c;
    }

    @Test
    void aFullDiskRefusesAppendsServesReadsAndRecovers() throws Exception {
        MessageStoreConfig config = config(disk.resolve("store"));
        List<String> stored = new ArrayList<>();
        try (LocalMessageStore store = StoreFixture.open(config)) {
            fill(store, stored);
            Path ballast = fillDisk(disk, 0.95);
            await("the store sees its disk full").atMost(PATIENCE).until(store::isDiskFull);

            long end = store.getMaxPhyOffset();
            PutMessageResult refused = store.putMessage(message("Disk", 0, "refused", null, null)).join();
            assertEquals(PutMessageStatus.DISK_FULL, refused.status());
            assertEquals(end, store.getMaxPhyOffset(), "nothing appended");
            String why = store.describeDiskUse();
            assertTrue(why.startsWith("the disk of " + config.commitLogDir() + " is 9"), why);
            assertTrue(why.endsWith("% used, above diskSpaceWarningLevelRatio 0.90"), why);
            assertEquals(stored, readAll(store), "reads are served while the disk is full");
            assertEquals(1, store.queryMessage("Disk", "k7", 32, 0, Long.MAX_VALUE).messages().size());

            Files.delete(ballast);
            await("appends are accepted again").atMost(PATIENCE).until(() -> !store.isDiskFull());
            assertEquals(PutMessageStatus.PUT_OK, store.putMessage(message("Disk", 0, "after", null, null)).join()
                    .status());
            stored.add("after");
            await().atMost(PATIENCE).until(() -> store.getMaxOffsetInQueue("Disk", 0) == MESSAGES + 1);
            assertEquals(stored, readAll(store));
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(stored, readAll(store), "everything stored survives a restart");
        }
    }

    /** With the commit log on another disk, the store root's disk (consume queues, index) filling up counts too. */
    @Test
    void theConsumeQueueDiskIsWatchedToo() throws Exception {
        Path commitLog = Files.createDirectories(dir.resolve("commitlog-elsewhere"));
        Assumptions.assumeTrue(ratio(commitLog) < 0.9, "the temp dir's own disk is over 90 % used");
        MessageStoreConfig config = config(disk.resolve("store"));
        config.setStorePathCommitLog(commitLog.toString());
        config.validate();
        try (LocalMessageStore store = StoreFixture.open(config)) {
            fill(store, new ArrayList<>());
            fillDisk(disk, 0.95);
            await("the store sees its consume-queue disk full").atMost(PATIENCE).until(store::isDiskFull);
            assertEquals(PutMessageStatus.DISK_FULL, store.putMessage(message("Disk", 0, "refused", null, null))
                    .join().status());
            String why = store.describeDiskUse();
            assertTrue(why.startsWith("the disk of " + config.rootDir() + " is 9"), why);
        }
    }

    /**
     * Past the ratio's protection (the guard is off): the disk fills to its last bytes under appends. The commit
     * log's next file is prepared with every block reserved before the roll needs it, so the roll that finds no room
     * for one is refused with DISK_FULL naming the file, the bytes needed and the bytes free (no InternalError from a
     * mapped page), nothing stored is damaged, dispatch goes on, and appends work again once space returns.
     */
    @Test
    void aRollThatFindsNoRoomIsRefusedWithoutDamage() throws Exception {
        MessageStoreConfig config = config(disk.resolve("store"));
        config.setDiskSpaceWarningLevelRatio(1.0);
        config.setWarmMapedFileEnable(true);
        config.validate();
        long size = config.getMappedFileSizeCommitLog();
        List<String> stored = new ArrayList<>();
        try (LocalMessageStore store = StoreFixture.open(config)) {
            fill(store, stored);
            while (store.getMaxPhyOffset() < size + size / 2) {
                assertEquals(PutMessageStatus.PUT_OK, put(store, stored, "more"));
            }
            await("the third file is prepared").atMost(PATIENCE)
                    .until(() -> store.preallocateService().readyOffset() == 2 * size);
            Path ballast = fillDisk(disk, 0.99);
            PutMessageStatus last = PutMessageStatus.PUT_OK;
            for (int i = 0; i < 20_000 && last == PutMessageStatus.PUT_OK; i++) {
                last = put(store, stored, "full");
            }
            assertEquals(PutMessageStatus.DISK_FULL, last, "the disk filled up");
            assertTrue(store.getMaxPhyOffset() > 2 * size, "the prepared third file was used");
            String why = store.describeDiskUse();
            assertTrue(why.startsWith("no room to reserve the next commit-log file "
                    + config.commitLogDir().resolve(MappedFile.fileName(3 * size)) + ": " + size + " bytes needed, "),
                    why);
            assertTrue(why.endsWith(" bytes free"), why);
            long queued = stored.size();
            await().atMost(PATIENCE).until(() -> store.getMaxOffsetInQueue("Disk", 0) == queued);
            assertEquals(stored, readAll(store), "reads are served while the disk is full");

            Files.delete(ballast);
            await("the next file is prepared once space is back").atMost(PATIENCE)
                    .until(() -> store.preallocateService().readyOffset() == 3 * size);
            assertEquals(PutMessageStatus.PUT_OK, put(store, stored, "after"));
            await().atMost(PATIENCE).until(() -> store.getMaxOffsetInQueue("Disk", 0) == queued + 1);
            assertEquals(stored, readAll(store));
        }
        try (LocalMessageStore store = StoreFixture.open(config)) {
            assertEquals(stored, readAll(store), "everything stored survives a restart");
        }
    }

    /** Puts a 1 KiB message, adding its body to {@code stored} when it was stored. */
    private static PutMessageStatus put(LocalMessageStore store, List<String> stored, String prefix) {
        String body = prefix + " " + stored.size() + " " + "y".repeat(1000);
        PutMessageStatus status = store.putMessage(message("Disk", 0, body, null, null)).handle((r, e) -> e == null
                ? r.status() : PutMessageStatus.UNKNOWN_ERROR).join();
        if (status == PutMessageStatus.PUT_OK) {
            stored.add(body);
        }
        return status;
    }

    private static void fill(LocalMessageStore store, List<String> bodies) {
        for (int i = 0; i < MESSAGES; i++) {
            String body = "message " + i + " " + "x".repeat(1000);
            assertEquals(PutMessageStatus.PUT_OK, store.putMessage(message("Disk", 0, body, null, "k" + i)).join()
                    .status());
            bodies.add(body);
        }
        await().atMost(PATIENCE).until(() -> store.getMaxOffsetInQueue("Disk", 0) == MESSAGES);
    }

    private static List<String> readAll(LocalMessageStore store) {
        return StoreFixture.readBodies(store, "Disk", 0);
    }

    /** Writes a ballast file into {@code mount} until its file system is {@code target} full. */
    private static Path fillDisk(Path mount, double target) throws IOException {
        Path ballast = mount.resolve("ballast");
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (ratio(mount) < target) {
                out.write(chunk);
                out.flush();
            }
        }
        assertFalse(ratio(mount) > 0.999, "the disk is not filled to the last byte");
        return ballast;
    }

    private static double ratio(Path path) throws IOException {
        FileStore store = Files.getFileStore(path);
        return (double) (store.getTotalSpace() - store.getUnallocatedSpace()) / store.getTotalSpace();
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
