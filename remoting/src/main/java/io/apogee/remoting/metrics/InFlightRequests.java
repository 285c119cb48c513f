package io.apogee.remoting.metrics;

import io.apogee.remoting.protocol.RemotingCommand;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * When each request being processed started, keyed by the request object itself, without allocating: a fixed
 * open-addressed table of {@value #SLOTS} slots probed linearly from a hash of the request's opaque, at most
 * {@value #PROBES} slots far. Clients number their requests in sequence, so opaques spread over the table and two
 * clients' equal opaques only probe a slot further (an identity hash would cost a header write per request; the
 * opaque is set once, when the request is built or decoded). A request that finds no free slot (that many in flight
 * around its hash, e.g. thousands of pulls held by long polling) is simply not timed.
 *
 * <p>Why plain slot claims are safe: a slot is claimed by a CAS from {@code null} and freed by a volatile write of
 * {@code null} after its start was read, so a later claimer's CAS happens after the earlier reader is done with it;
 * the start written after a claim is read by {@link #stop} on the thread the request's response reaches, which the
 * remoting endpoint hands the request to (an executor or a future), so it sees the write.
 */
final class InFlightRequests {

    private static final int SLOT_BITS = 14;
    private static final int SLOTS = 1 << SLOT_BITS;
    private static final int MASK = SLOTS - 1;
    private static final int PROBES = 32;

    private final AtomicReferenceArray<RemotingCommand> requests = new AtomicReferenceArray<>(SLOTS);
    private final AtomicLongArray startNanos = new AtomicLongArray(SLOTS);

    /** Notes that {@code request} starts now. */
    void start(RemotingCommand request, long nowNanos) {
        int slot = home(request);
        for (int i = 0; i < PROBES; i++, slot = (slot + 1) & MASK) {
            if (requests.get(slot) == null && requests.compareAndSet(slot, null, request)) {
                startNanos.set(slot, nowNanos);
                return;
            }
        }
    }

    /** Forgets {@code request}; returns its start, or -1 when it was not timed. */
    long stop(RemotingCommand request) {
        int slot = home(request);
        for (int i = 0; i < PROBES; i++, slot = (slot + 1) & MASK) {
            if (requests.get(slot) == request) {
                long start = startNanos.get(slot);
                requests.set(slot, null);
                return start;
            }
        }
        return -1;
    }

    /** The first slot probed for {@code request}: its opaque times the golden ratio, so neighbours land apart. */
    private static int home(RemotingCommand request) {
        return (request.opaque() * 0x9E3779B9) >>> (Integer.SIZE - SLOT_BITS);
    }
}
