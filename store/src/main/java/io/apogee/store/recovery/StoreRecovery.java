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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the files back to a consistent state at start.
 *
 * <p>After a clean shutdown the checkpoint's offset is the exact end of the commit log and every queue and index
 * entry is on disk, so the files are trusted (unless a commit-log file is shorter than the file size: then something
 * cut it, and it is recovered as after a crash). After a crash (the abort marker is still there) the commit log is
 * re-validated record by record (magic, lengths, own offset, body CRC) from the file holding the checkpoint offset;
 * the first bad record is the end: the torn tail is cut and zeroed, queue entries pointing past it are dropped, and
 * records from the checkpoint on are dispatched again (dispatchers skip what they already hold).
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
        MappedFileQueue files = commitLog.files();
        files.load();
        checkpoint.load();
        boolean trusted = !crashed && checkpoint.isPresent() && checkpoint.safeOffset() <= files.maxOffset()
                && !files.loadedShortFile();
        long dispatchFrom;
        long end;
        if (trusted) {
            end = checkpoint.safeOffset();
            dispatchFrom = end;
        } else {
            dispatchFrom = checkpoint.isPresent() ? Math.max(checkpoint.safeOffset(), files.minOffset())
                    : files.minOffset();
            end = scanValidEnd(files, dispatchFrom);
            dispatchFrom = Math.min(dispatchFrom, end);
        }
        files.truncate(end);
        MappedFile endFile = files.find(end);
        if (!trusted && endFile != null) {
            int pages = endFile.zeroFrom((int) (end - endFile.fromOffset()));
            LOG.warn("crash recovery: commit log ends at {}, zeroed {} stale page(s) after it", end, pages);
        }
        files.setFlushedWhere(end);
        queues.recover(files.minOffset(), end);
        index.load(end);
        reput.setReputFromOffset(dispatchFrom);
        int redispatched = reput.dispatchUpTo(end, Integer.MAX_VALUE, false);
        commitLog.resetQueueOffsets(queues.nextQueueOffsets());
        String how = trusted ? "clean shutdown" : crashed || checkpoint.isPresent() ? "after a crash" : "new store";
        LOG.info("store recovered ({}): commit log [{}, {}), {} record(s) dispatched again", how, files.minOffset(),
                end, redispatched);
        return end;
    }

    /** The offset of the first invalid record at or after the start of the file holding {@code from}. */
    private long scanValidEnd(MappedFileQueue files, long from) {
        MappedFile file = files.find(from);
        if (file == null) {
            return files.isEmpty() ? from : files.minOffset();
        }
        while (true) {
            int position = 0;
            while (true) {
                DispatchRequest r = parser.parse(file.buffer(), position, file.fileSize(), file.fromOffset(), true);
                if (r.kind() == DispatchRequest.Kind.MESSAGE) {
                    position += r.size();
                } else if (r.kind() == DispatchRequest.Kind.BLANK) {
                    break;
                } else {
                    return file.fromOffset() + position;
                }
            }
            MappedFile next = files.find(file.fromOffset() + file.fileSize());
            if (next == null) {
                return file.fromOffset() + file.fileSize();
            }
            file = next;
        }
    }
}
