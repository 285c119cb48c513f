package io.apogee.store.flush;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.dispatch.ReputService;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueueTable;
import io.apogee.store.recovery.StoreCheckpoint;
import java.io.IOException;

/**
 * Every {@code flushIntervalConsumeQueue} ms flushes what dispatch wrote to the consume queues and the key index and
 * moves the checkpoint up to it (see {@link StoreCheckpoint}), so that recovery after a crash re-validates and
 * re-dispatches only about one round of writes after a process crash, and the tail not yet flushed after a machine
 * crash, whatever the size of the store.
 *
 * <p>Unlike RocketMQ, which flushes a queue only once {@code flushConsumeQueueLeastPages} pages are dirty and
 * everything every {@code flushConsumeQueueThoroughInterval} ms, every round flushes every dirty page: a queue holding
 * back a page would hold the checkpoint back with it (one rarely written queue, such as a retry topic's, would keep
 * the recovery tail a minute long). Both keys are therefore not used.
 */
public final class ConsumeQueueFlushService implements ServiceLoop {

    private final CommitLog commitLog;
    private final ReputService reput;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final StoreCheckpoint checkpoint;
    /** Dispatch position read by the previous round, whose entries that round flushed; -1 before the first. */
    private long previousDispatched = -1;

    public ConsumeQueueFlushService(CommitLog commitLog, ReputService reput, ConsumeQueueTable queues,
            IndexService index, StoreCheckpoint checkpoint) {
        this.commitLog = commitLog;
        this.reput = reput;
        this.queues = queues;
        this.index = index;
        this.checkpoint = checkpoint;
    }

    @Override
    public String roleName() {
        return "ApogeeFlushConsumeQueue";
    }

    /**
     * One round. The dispatch position is read before flushing, so every entry of a record below it is flushed by
     * this round; it becomes the safe offset once the commit log is flushed up to it too, or else the previous round's
     * position does (the asynchronous commit-log flush runs every 500 ms by default, dispatch runs right behind the
     * writers), or else the safe offset stays. The dispatched offset is recorded as it is: everything below it is in
     * the page cache already. Both positions are record boundaries; the flushed commit-log offset need not be one (a
     * slave appends replicated chunks), which is why it is only compared with. Nothing is written while dispatch
     * stands at the safe offset: only dispatch writes queue and index entries.
     */
    @Override
    public int doWork() throws IOException {
        long dispatched = reput.reputFromOffset();
        if (checkpoint.isPresent() && dispatched == checkpoint.safeOffset()) {
            return 0;
        }
        queues.flush(0);
        index.flush();
        long flushed = commitLog.flushedOffset();
        long safe = dispatched <= flushed ? dispatched
                : previousDispatched >= 0 && previousDispatched <= flushed ? previousDispatched
                : checkpoint.safeOffset();
        previousDispatched = dispatched;
        save(safe, dispatched);
        return 0;
    }

    /**
     * Flushes queues and index completely and moves the checkpoint to the end of what is dispatched and flushed, for
     * a clean shutdown (after the last dispatch and commit-log flush: then both are the end of the commit log).
     */
    public void flushAll() throws IOException {
        long dispatched = reput.reputFromOffset();
        long safe = Math.min(dispatched, commitLog.flushedOffset());
        queues.flush(0);
        index.flush();
        save(safe, dispatched);
    }

    private void save(long safe, long dispatched) throws IOException {
        if (safe != checkpoint.safeOffset() || dispatched != checkpoint.dispatchedOffset() || !checkpoint.isPresent()) {
            checkpoint.save(safe, dispatched, System.currentTimeMillis());
        }
    }
}
