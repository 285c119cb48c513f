package io.apogee.broker.lock;

import io.apogee.common.message.MessageQueue;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-group, per-queue locks for orderly consumption: a queue is held by one client id of a group until that client
 * unlocks it or stops renewing it for the lock's live time (60 s, system property
 * {@code rocketmq.broker.rebalance.lockMaxLiveTime} as in RocketMQ), so two members never consume one queue at once.
 * Every decision is taken under one lock: lock requests are rare (every 20 s per client) and must be atomic over
 * their whole batch.
 */
public final class RebalanceLockManager {

    /** Default live time of an unrenewed lock, in ms. */
    public static final long DEFAULT_LOCK_MAX_LIVE_MILLIS = Long.getLong("rocketmq.broker.rebalance.lockMaxLiveTime",
            60_000);

    private static final Logger LOG = LoggerFactory.getLogger(RebalanceLockManager.class);

    private final ConcurrentMap<String, Map<MessageQueue, Holder>> groups = new ConcurrentHashMap<>();
    private final long maxLiveMillis;
    private final LongSupplier clock;

    public RebalanceLockManager() {
        this(DEFAULT_LOCK_MAX_LIVE_MILLIS, System::currentTimeMillis);
    }

    /** For tests: a given live time and clock. */
    public RebalanceLockManager(long maxLiveMillis, LongSupplier clock) {
        this.maxLiveMillis = maxLiveMillis;
        this.clock = clock;
    }

    private static final class Holder {
        final String clientId;
        long renewedAt;

        Holder(String clientId, long renewedAt) {
            this.clientId = clientId;
            this.renewedAt = renewedAt;
        }
    }

    /**
     * Locks (or renews) every queue of {@code queues} that is free, expired or already held by {@code clientId}.
     *
     * @return the queues {@code clientId} holds after the call, among those asked for
     */
    public synchronized Set<MessageQueue> tryLock(String group, Set<MessageQueue> queues, String clientId) {
        Map<MessageQueue, Holder> locks = groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        long now = clock.getAsLong();
        Set<MessageQueue> held = new LinkedHashSet<>();
        for (MessageQueue queue : queues) {
            Holder holder = locks.get(queue);
            if (holder == null || now - holder.renewedAt > maxLiveMillis) {
                if (holder != null) {
                    LOG.info("lock of {} in group {} expired for {}, taken by {}", queue, group, holder.clientId,
                            clientId);
                }
                locks.put(queue, new Holder(clientId, now));
                held.add(queue);
            } else if (holder.clientId.equals(clientId)) {
                holder.renewedAt = now;
                held.add(queue);
            }
        }
        return held;
    }

    /** Releases the queues of {@code queues} that {@code clientId} holds; others' locks stay. */
    public synchronized void unlock(String group, Set<MessageQueue> queues, String clientId) {
        Map<MessageQueue, Holder> locks = groups.get(group);
        if (locks == null) {
            return;
        }
        for (MessageQueue queue : queues) {
            Holder holder = locks.get(queue);
            if (holder != null && holder.clientId.equals(clientId)) {
                locks.remove(queue);
            }
        }
    }

    /** Whether {@code clientId} holds an unexpired lock on {@code queue}. */
    public synchronized boolean isLockedBy(String group, MessageQueue queue, String clientId) {
        Map<MessageQueue, Holder> locks = groups.get(group);
        Holder holder = locks == null ? null : locks.get(queue);
        return holder != null && holder.clientId.equals(clientId) && clock.getAsLong() - holder.renewedAt
                <= maxLiveMillis;
    }
}
