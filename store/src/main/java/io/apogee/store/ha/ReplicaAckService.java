package io.apogee.store.ha;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * SYNC_MASTER waiters, completed in groups (RocketMQ's group transfer): an appender {@link #submit}s its result and
 * wakes the loop; each step takes every new request, reads the acknowledged offset once and completes every request
 * whose bytes end at or below it, and answers {@code FLUSH_SLAVE_TIMEOUT} to those older than {@code slaveTimeout}.
 * Acknowledgements wake the loop too; its idle tick (a twentieth of the timeout) bounds how late a timeout is.
 *
 * <p>No lost completion: a request is queued before the loop is woken, and an acknowledgement is published before
 * the loop is woken, so whichever comes second finds the other when the step runs. The acknowledged offset comes
 * only from the slaves' reports ({@code SlaveConnection}), so a request can only complete once a slave confirmed it.
 */
final class ReplicaAckService implements ServiceLoop {

    private record Request(long nextOffset, long deadline, PutMessageResult result,
            CompletableFuture<PutMessageResult> done) {
    }

    private final LongSupplier ackedOffset;
    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Request> incoming = new ConcurrentLinkedQueue<>();
    /** Requests taken by the loop and not yet answered; loop thread only. */
    private final List<Request> pending = new ArrayList<>();

    /** @param ackedOffset the highest offset a connected slave confirmed, -1 when none */
    ReplicaAckService(LongSupplier ackedOffset, long slaveTimeoutMillis) {
        this.ackedOffset = ackedOffset;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(slaveTimeoutMillis);
    }

    @Override
    public String roleName() {
        return "ApogeeHaAckWait";
    }

    /**
     * Registers an appended result waiting for a slave to confirm its bytes; the caller must wake the loop.
     *
     * @return completed with {@code appended} once confirmed, or with FLUSH_SLAVE_TIMEOUT after the timeout
     */
    CompletableFuture<PutMessageResult> submit(PutMessageResult appended) {
        CompletableFuture<PutMessageResult> done = new CompletableFuture<>();
        incoming.add(new Request(appended.wroteOffset() + appended.wroteBytes(), System.nanoTime() + timeoutNanos,
                appended, done));
        return done;
    }

    @Override
    public int doWork() {
        for (Request r; (r = incoming.poll()) != null; ) {
            pending.add(r);
        }
        if (pending.isEmpty()) {
            return 0;
        }
        long acked = ackedOffset.getAsLong();
        long now = System.nanoTime();
        int before = pending.size();
        pending.removeIf(r -> {
            if (r.nextOffset() <= acked) {
                r.done().complete(r.result());
                return true;
            }
            if (now - r.deadline() >= 0) {
                r.done().complete(r.result().withStatus(PutMessageStatus.FLUSH_SLAVE_TIMEOUT));
                return true;
            }
            return false;
        });
        return before - pending.size();
    }

    @Override
    public void onClose() {
        for (Request r; (r = incoming.poll()) != null; ) {
            pending.add(r);
        }
        long acked = ackedOffset.getAsLong();
        for (Request r : pending) {
            r.done().complete(r.nextOffset() <= acked ? r.result()
                    : r.result().withStatus(PutMessageStatus.FLUSH_SLAVE_TIMEOUT));
        }
        pending.clear();
    }
}
