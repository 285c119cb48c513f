package io.apogee.store.flush;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.commitlog.CommitLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SYNC_FLUSH group commit. An appender announces itself ({@link #beginAppend}) before appending and then
 * {@link #submit}s its result; each step takes every request waiting at that moment, runs one flush of everything
 * written so far (which covers them all, since a request is submitted after its append is published) and completes
 * them. Before flushing, a step gives appenders already inside the append a few microseconds to join, so one fsync
 * serves as many of them as possible. On its idle tick it flushes too, so appends that did not wait become durable
 * soon as well.
 *
 * <p>Timeouts cost nothing per message: {@link #timeoutWatch()} is a loop that completes requests older than
 * {@code syncFlushTimeout} with {@code FLUSH_DISK_TIMEOUT}, also while a flush hangs.
 */
public final class GroupCommitService implements ServiceLoop {

    /** Longest a step waits for announced appenders before flushing. */
    private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private record Request(long nextOffset, long deadline, PutMessageResult result,
            CompletableFuture<PutMessageResult> done) {
    }

    private final CommitLog commitLog;
    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger appending = new AtomicInteger();
    private volatile Request[] inFlight = new Request[0];

    public GroupCommitService(CommitLog commitLog, long syncFlushTimeoutMillis) {
        this.commitLog = commitLog;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(syncFlushTimeoutMillis);
    }

    @Override
    public String roleName() {
        return "ApogeeGroupCommit";
    }

    /** Announces an append that will be {@link #submit submitted} or {@link #endAppend ended}. */
    public void beginAppend() {
        appending.incrementAndGet();
    }

    /** Ends an announced append that was not appended (refused), so no step waits for it. */
    public void endAppend() {
        appending.decrementAndGet();
    }

    /**
     * Registers an appended result waiting for its bytes to be on disk; the caller must wake the loop.
     *
     * @return completed with {@code appended} once flushed, or with FLUSH_DISK_TIMEOUT after the timeout
     */
    public CompletableFuture<PutMessageResult> submit(PutMessageResult appended) {
        CompletableFuture<PutMessageResult> done = new CompletableFuture<>();
        requests.add(new Request(appended.wroteOffset() + appended.wroteBytes(), System.nanoTime() + timeoutNanos,
                appended, done));
        appending.decrementAndGet();
        return done;
    }

    @Override
    public int doWork() {
        if (requests.isEmpty()) {
            if (commitLog.flushedOffset() < commitLog.maxOffset()) {
                commitLog.flush(0);
            }
            return 0;
        }
        long gatherStart = System.nanoTime();
        while (appending.get() > 0 && System.nanoTime() - gatherStart < GATHER_NANOS) {
            Thread.yield();
        }
        Request[] batch = new Request[requests.size() + 8];
        int drained = 0;
        for (Request r; drained < batch.length && (r = requests.poll()) != null; ) {
            batch[drained++] = r;
        }
        inFlight = batch;
        long flushed = commitLog.flush(0);
        for (int i = 0; i < drained; i++) {
            complete(batch[i], flushed, PutMessageStatus.FLUSH_DISK_TIMEOUT);
        }
        inFlight = new Request[0];
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
        r.done().complete(flushed >= r.nextOffset() ? r.result() : r.result().withStatus(notFlushed));
    }

    /** A loop that times out overdue requests; run it beside this service (its idle time is the granularity). */
    public ServiceLoop timeoutWatch() {
        return new ServiceLoop() {
            @Override
            public String roleName() {
                return "ApogeeGroupCommitTimeout";
            }

            @Override
            public int doWork() {
                long now = System.nanoTime();
                for (Request r : inFlight) {
                    expireIfOverdue(r, now);
                }
                for (Request r : requests) {
                    expireIfOverdue(r, now);
                }
                return 0;
            }
        };
    }

    private static void expireIfOverdue(Request r, long now) {
        if (r != null && now - r.deadline() > 0) {
            r.done().complete(r.result().withStatus(PutMessageStatus.FLUSH_DISK_TIMEOUT));
        }
    }
}
