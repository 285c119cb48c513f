package io.apogee.store.flush;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.dispatch.ReputService;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueueTable;
import io.apogee.store.recovery.StoreCheckpoint;
import java.io.IOException;

/**
 * Flushes consume queues every {@code flushIntervalConsumeQueue} ms (dirty-page minimum
 * {@code flushConsumeQueueLeastPages}); every {@code flushConsumeQueueThoroughInterval} ms it flushes queues and
 * index completely and advances the checkpoint to what is then known to be on disk.
 */
public final class ConsumeQueueFlushService implements ServiceLoop {

    private final CommitLog commitLog;
    private final ReputService reput;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final StoreCheckpoint checkpoint;
    private final int leastPages;
    private final long thoroughInterval;
    private long lastThorough = System.currentTimeMillis();

    public ConsumeQueueFlushService(CommitLog commitLog, ReputService reput, ConsumeQueueTable queues,
            IndexService index, StoreCheckpoint checkpoint, MessageStoreConfig config) {
        this.commitLog = commitLog;
        this.reput = reput;
        this.queues = queues;
        this.index = index;
        this.checkpoint = checkpoint;
        this.leastPages = config.getFlushConsumeQueueLeastPages();
        this.thoroughInterval = config.getFlushConsumeQueueThoroughInterval();
    }

    @Override
    public String roleName() {
        return "ApogeeFlushConsumeQueue";
    }

    @Override
    public int doWork() throws IOException {
        long now = System.currentTimeMillis();
        if (now - lastThorough >= thoroughInterval) {
            lastThorough = now;
            flushAll();
        } else {
            queues.flush(leastPages);
        }
        return 0;
    }

    /**
     * Flushes queues and index completely and moves the checkpoint to the offset below which commit log, queue
     * entries and index entries are all on disk. The offset is read before flushing, so it never claims more.
     */
    public void flushAll() throws IOException {
        long safe = Math.min(reput.reputFromOffset(), commitLog.flushedOffset());
        queues.flush(0);
        index.flush();
        if (safe != checkpoint.safeOffset() || !checkpoint.isPresent()) {
            checkpoint.save(safe, System.currentTimeMillis());
        }
    }
}
