package io.apogee.store.flush;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.commitlog.CommitLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * SYNC_FLUSH group commit: appenders {@link #submit} the end offset of their bytes and wake this loop; each step
 * takes every request waiting at that moment, runs one flush of everything written so far (which covers all of them,
 * since each request is submitted after its append is published), and completes them. Between requests it flushes
 * on its idle tick, so appends that did not ask to wait become durable soon too.
 */
public final class GroupCommitService implements ServiceLoop {

    private record Request(long nextOffset, CompletableFuture<PutMessageStatus> done) {
    }

    private final CommitLog commitLog;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

    public GroupCommitService(CommitLog commitLog) {
        this.commitLog = commitLog;
    }

    @Override
    public String roleName() {
        return "ApogeeGroupCommit";
    }

    /**
     * Registers an appender waiting until the log is on disk up to {@code nextOffset}; the caller must wake the loop.
     *
     * @return completed with PUT_OK once flushed (the caller applies {@code syncFlushTimeout})
     */
    public CompletableFuture<PutMessageStatus> submit(long nextOffset) {
        CompletableFuture<PutMessageStatus> done = new CompletableFuture<>();
        requests.add(new Request(nextOffset, done));
        return done;
    }

    @Override
    public int doWork() {
        Request first = requests.poll();
        if (first == null) {
            if (commitLog.flushedOffset() < commitLog.maxOffset()) {
                commitLog.flush(0);
            }
            return 0;
        }
        int drained = 1;
        Request[] batch = new Request[Math.max(16, requests.size() + 1)];
        batch[0] = first;
        for (Request r; drained < batch.length && (r = requests.poll()) != null; ) {
            batch[drained++] = r;
        }
        long flushed = commitLog.flush(0);
        for (int i = 0; i < drained; i++) {
            complete(batch[i], flushed, PutMessageStatus.FLUSH_DISK_TIMEOUT);
        }
        return drained;
    }

    @Override
    public void onClose() {
        long flushed = commitLog.flush(0);
        for (Request r; (r = requests.poll()) != null; ) {
            complete(r, flushed, PutMessageStatus.SERVICE_NOT_AVAILABLE);
        }
    }

    private static void complete(Request r, long flushed, PutMessageStatus notFlushed) {
        r.done().complete(flushed >= r.nextOffset() ? PutMessageStatus.PUT_OK : notFlushed);
    }
}
