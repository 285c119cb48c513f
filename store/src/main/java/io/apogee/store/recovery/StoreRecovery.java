package io.apogee.store.recovery;

import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.commitlog.DispatchRequest;
import io.apogee.store.commitlog.RecordParser;
import io.apogee.store.dispatch.ReputService;
import io.apogee.store.file.MappedFile;
import io.apogee.store.file.MappedFileQueue;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueueTable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the files back to a consistent state at start, in a time bounded by the tail written since the last
 * checkpoint, not by the size of the store.
 *
 * <p>After a clean shutdown the checkpoint's offset is the exact end of the commit log and every queue and index
 * entry is on disk, so the files are trusted (unless a commit-log file is shorter than the file size: then something
 * cut it, and it is recovered as after a crash, from that file's start at the latest). After a crash (the abort
 * marker is still there) the commit log is re-validated record by record (magic, lengths, own offset, body CRC) from
 * the checkpoint's {@link StoreCheckpoint#recoveryOffset() recovery offset}, a record boundary below which commit
 * log, queue entries and index entries were written (to the page cache after a process crash, to disk after a
 * machine crash); the first bad record is the end: the torn tail is cut (without reading what lies past it), queue
 * entries pointing past it are dropped, and records from the recovery offset on are dispatched again (dispatchers
 * skip what they already hold). What lies past the checkpoint's safe offset is flushed again. Nothing below the
 * recovery offset is read: the files are only mapped.
 */
public final class StoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputService reput;
    private final RecordParser parser;
    private final StoreCheckpoint checkpoint;

    public StoreRecovery(CommitLog commitLog, ConsumeQueueTable queues, IndexService index, ReputService reput,
            RecordParser parser, StoreCheckpoint checkpoint) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.reput = reput;
        this.parser = parser;
        this.checkpoint = checkpoint;
    }

    /**
     * Loads and recovers everything, leaving the dispatch position at the end of the commit log.
     *
     * @param crashed whether the previous run did not shut down cleanly
     * @return the end of the commit log
     */
    public long recover(boolean crashed) throws IOException {
        long started = System.nanoTime();
        MappedFileQueue files = commitLog.files();
        files.load();
        checkpoint.load();
        long shortFile = files.firstShortFile();
        boolean trusted = !crashed && checkpoint.isPresent() && checkpoint.safeOffset() <= files.maxOffset()
                && shortFile < 0;
        long dispatchFrom;
        long unflushedFrom;
        long end;
        if (trusted) {
            end = checkpoint.safeOffset();
            dispatchFrom = end;
            unflushedFrom = end;
        } else {
            long min = files.minOffset();
            dispatchFrom = checkpoint.isPresent() ? Math.max(checkpoint.recoveryOffset(), min) : min;
            unflushedFrom = checkpoint.isPresent() ? Math.max(checkpoint.safeOffset(), min) : min;
            if (shortFile >= 0) {
                dispatchFrom = Math.min(dispatchFrom, shortFile);
                unflushedFrom = Math.min(unflushedFrom, shortFile);
            }
            end = scanValidEnd(files, dispatchFrom);
            dispatchFrom = Math.min(dispatchFrom, end);
            unflushedFrom = Math.min(unflushedFrom, end);
        }
        files.truncate(end);
        MappedFile endFile = files.find(end);
        if (!trusted && endFile != null) {
            endFile.cutAt((int) (end - endFile.fromOffset()));
        }
        files.setFlushedWhere(unflushedFrom);
        queues.recover(files.minOffset(), end, unflushedFrom);
        index.load(end);
        reput.setReputFromOffset(dispatchFrom);
        int redispatched = reput.dispatchUpTo(end, Integer.MAX_VALUE, false);
        commitLog.resetQueueOffsets(queues.nextQueueOffsets());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (trusted || !crashed && !checkpoint.isPresent()) {
            LOG.info("store recovered ({}) in {} ms: commit log [{}, {})", trusted ? "clean shutdown" : "new store",
                    millis, files.minOffset(), end);
        } else {
            LOG.warn("store recovered after a crash in {} ms: commit log [{}, {}) validated from {} and cut there, {}"
                    + " record(s) dispatched again, flushed again from {}", millis, files.minOffset(), end,
                    dispatchFrom, redispatched, unflushedFrom);
        }
        return end;
    }

    /**
     * The offset of the first invalid record at or after {@code from}, a record boundary (or the end of the files).
     * A checkpoint past the files (they were cut by hand) validates the newest file from its start.
     */
    private long scanValidEnd(MappedFileQueue files, long from) {
        if (files.isEmpty() || from == files.maxOffset()) {
            return from;
        }
        if (from > files.maxOffset()) {
            return scanValidEnd(files, files.last().fromOffset());
        }
        MappedFile file = files.find(from);
        long end = scanFile(file, (int) (from - file.fromOffset()));
        while (end == file.fromOffset() + file.fileSize()) {
            file = files.find(end);
            if (file == null) {
                return end;
            }
            end = scanFile(file, 0);
        }
        return end;
    }

    /** The offset of the first invalid record in {@code file} from {@code position}, or the file's end. */
    private long scanFile(MappedFile file, int position) {
        int at = position;
        while (at < file.fileSize()) {
            DispatchRequest r = parser.parse(file.buffer(), at, file.fileSize(), file.fromOffset(), true);
            if (r.kind() == DispatchRequest.Kind.MESSAGE) {
                at += r.size();
            } else if (r.kind() == DispatchRequest.Kind.BLANK) {
                return file.fromOffset() + file.fileSize();
            } else {
                return file.fromOffset() + at;
            }
        }
        return file.fromOffset() + file.fileSize();
    }
}
