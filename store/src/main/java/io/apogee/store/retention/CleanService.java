package io.apogee.store.retention;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.dispatch.ReputService;
import io.apogee.store.file.MappedFile;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueueTable;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention and disk guard, every {@code cleanResourceInterval} ms.
 *
 * <ul>
 *   <li>Commit-log files (never the newest, never one not yet flushed or dispatched) whose last write is older than
 *   {@code fileReservedTime} hours are deleted at the {@code deleteWhen} hours, or at any hour once disk use passes
 *   {@code diskMaxUsedSpaceRatio}, or on request. Past {@code diskSpaceCleanForciblyRatio} the oldest files go
 *   whatever their age.</li>
 *   <li>Consume-queue and index files wholly below the commit log's min offset are deleted after it.</li>
 *   <li>Past {@code diskSpaceWarningLevelRatio} the store is marked disk-full: appends are refused, reads served.</li>
 * </ul>
 * Disk use is that of the fuller of the commit log's and the store root's (consume queues, index) file systems.
 */
public final class CleanService implements ServiceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(CleanService.class);
    /** Most commit-log files deleted in one step, as RocketMQ's {@code deleteFileBatchMax}. */
    private static final int MAX_FILES_PER_STEP = 10;

    /** The settings in force: the retention keys are read per round. */
    private final Supplier<MessageStoreConfig> config;
    private final Path commitLogDir;
    /** Holds the consume queues and the index: its disk is watched too when it is not the commit log's. */
    private final Path rootDir;
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputService reput;
    private volatile double diskRatio;
    /** The fuller of the commit log's and the store root's disks, as last sampled. */
    private volatile DiskUse fullest = new DiskUse(Path.of(""), 0);
    private volatile boolean diskFull;

    /** How full the file system holding {@code dir} is, as a fraction. */
    private record DiskUse(Path dir, double ratio) {
    }

    public CleanService(Supplier<MessageStoreConfig> config, CommitLog commitLog, ConsumeQueueTable queues,
            IndexService index, ReputService reput) {
        this.config = config;
        this.commitLogDir = config.get().commitLogDir();
        this.rootDir = config.get().rootDir();
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.reput = reput;
    }

    @Override
    public String roleName() {
        return "ApogeeCleanService";
    }

    @Override
    public int doWork() throws IOException {
        checkDisk();
        clean(false);
        return 0;
    }

    /**
     * Samples disk use of the commit log's file system and updates the disk-full flag. Use is RocketMQ's
     * {@code (total - free) / total}, so operators' ratio settings mean what they meant there. (Counting only what
     * this process may use, {@code total - usable}, reads 0.7 on hosts whose file system reserves most of its free
     * space, where it would start forced deletion at RocketMQ's default 0.85 long before the disk is full; an append
     * that finds no space still fails cleanly with CREATE_MAPPED_FILE_FAILED.)
     */
    public void checkDisk() throws IOException {
        DiskUse commitLogDisk = sample(commitLogDir);
        DiskUse worst = commitLogDisk;
        Files.createDirectories(rootDir);
        if (!Files.getFileStore(rootDir).equals(Files.getFileStore(commitLogDir))) {
            // Only a separate file system can be fuller; sampling one twice differs by the writes in between.
            DiskUse rootDisk = sample(rootDir);
            if (rootDisk.ratio() > commitLogDisk.ratio()) {
                worst = rootDisk;
            }
        }
        diskRatio = commitLogDisk.ratio();
        fullest = worst;
        boolean full = worst.ratio() > config.get().getDiskSpaceWarningLevelRatio();
        if (full != diskFull) {
            LOG.warn("disk use {} of {}: appends {}", String.format("%.3f", worst.ratio()), worst.dir(),
                    full ? "refused (disk full)" : "accepted again");
        }
        diskFull = full;
    }

    /**
     * Disk use of the file system holding {@code dir} (RocketMQ watches the commit log's and the consume queues'
     * disks alike, since either filling up breaks appends).
     */
    private static DiskUse sample(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileStore store = Files.getFileStore(dir);
        long total = store.getTotalSpace();
        return new DiskUse(dir, total <= 0 ? 0 : (double) (total - store.getUnallocatedSpace()) / total);
    }

    /** Fraction of the commit log's file system in use, as last sampled. */
    public double diskRatio() {
        return diskRatio;
    }

    /** How full the fuller store disk is against the limit, for a refusal's remark. */
    public String describeDiskUse() {
        DiskUse worst = fullest;
        return String.format("the disk of %s is %.1f%% used, above diskSpaceWarningLevelRatio %.2f", worst.dir(),
                worst.ratio() * 100, config.get().getDiskSpaceWarningLevelRatio());
    }

    /** Whether appends are refused for lack of disk. */
    public boolean isDiskFull() {
        return diskFull;
    }

    /**
     * One retention round (serialized: the loop, admin requests and tests may call it concurrently).
     *
     * @param manual delete expired files whatever the hour and disk use
     * @return commit-log files deleted
     */
    public synchronized int clean(boolean manual) {
        boolean timeUp = config.get().deleteHours().contains(LocalTime.now().getHour());
        double ratio = fullest.ratio();
        boolean spaceLow = ratio * 100 > config.get().getDiskMaxUsedSpaceRatio();
        boolean forcibly = ratio > config.get().getDiskSpaceCleanForciblyRatio();
        int deleted = 0;
        if (manual || timeUp || spaceLow || forcibly) {
            deleted = deleteCommitLogFiles(forcibly);
        }
        long min = commitLog.minOffset();
        int derived = queues.deleteBelow(min) + index.deleteBelow(min);
        if (deleted + derived > 0) {
            LOG.info("retention deleted {} commit-log and {} queue/index file(s); commit log now starts at {}",
                    deleted, derived, min);
        }
        return deleted;
    }

    private int deleteCommitLogFiles(boolean forcibly) {
        long expiredBefore = System.currentTimeMillis() - config.get().getFileReservedTime() * 3_600_000L;
        long safeEnd = Math.min(commitLog.flushedOffset(), reput.reputFromOffset());
        List<MappedFile> files = commitLog.files().files();
        List<MappedFile> victims = new ArrayList<>();
        for (int i = 0; i < files.size() - 1 && victims.size() < MAX_FILES_PER_STEP; i++) {
            MappedFile f = files.get(i);
            if (f.fromOffset() + f.fileSize() > safeEnd || !(forcibly || isExpired(f, expiredBefore))) {
                break;
            }
            victims.add(f);
        }
        commitLog.files().deleteFirst(victims);
        return victims.size();
    }

    /** Whether the file was last written before {@code expiredBefore}; a file whose time cannot be read is kept. */
    private static boolean isExpired(MappedFile file, long expiredBefore) {
        try {
            return file.lastModified() < expiredBefore;
        } catch (IOException e) {
            LOG.warn("retention keeps {}: its modification time cannot be read: {}", file, e.toString());
            return false;
        }
    }
}
