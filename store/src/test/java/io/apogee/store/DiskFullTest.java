package io.apogee.store;

import static io.apogee.store.StoreFixture.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.StoredMessage;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.store.core.LocalMessageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * what was stored survives, also a restart; appends resume once the ballast is gone. Retention is kept out of the
 * way (fresh files, forced cleaning off) so that nothing stored goes.
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
        List<String> bodies = new ArrayList<>();
        long offset = 0;
        while (offset < store.getMaxOffsetInQueue("Disk", 0)) {
            GetMessageResult read = store.getMessage("g", "Disk", 0, offset, 32, MessageFilter.ALL);
            assertEquals(GetMessageStatus.FOUND, read.status(), "at offset " + offset);
            for (ByteBuffer buffer : read.messages()) {
                StoredMessage m = StoredMessageCodec.decode(buffer.duplicate(), true);
                bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
            offset = read.nextBeginOffset();
        }
        return bodies;
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
