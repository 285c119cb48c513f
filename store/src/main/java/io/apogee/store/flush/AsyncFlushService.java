package io.apogee.store.flush;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.commitlog.CommitLog;

/**
 * ASYNC_FLUSH: flushes the commit log every {@code flushIntervalCommitLog} ms when at least
 * {@code flushCommitLogLeastPages} pages are dirty, and everything every {@code flushCommitLogThoroughInterval} ms.
 * Flushes everything once more when closed.
 */
public final class AsyncFlushService implements ServiceLoop {

    private final CommitLog commitLog;
    private final int leastPages;
    private final long thoroughInterval;
    private long lastThorough = System.currentTimeMillis();

    public AsyncFlushService(CommitLog commitLog, MessageStoreConfig config) {
        this.commitLog = commitLog;
        this.leastPages = config.getFlushCommitLogLeastPages();
        this.thoroughInterval = config.getFlushCommitLogThoroughInterval();
    }

    @Override
    public String roleName() {
        return "ApogeeFlushCommitLog";
    }

    @Override
    public int doWork() {
        long now = System.currentTimeMillis();
        int pages = leastPages;
        if (now - lastThorough >= thoroughInterval) {
            lastThorough = now;
            pages = 0;
        }
        commitLog.flush(pages);
        return 0;
    }

    @Override
    public void onClose() {
        commitLog.flush(0);
    }
}
