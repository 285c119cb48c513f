package io.apogee.client.impl.consumer;

import io.apogee.common.message.MessageExt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages pulled from one queue and not yet consumed, by queue offset. The lowest offset still here is what
 * the consumer may commit: offsets only move past messages whose consumption finished, whatever order the consumer
 * threads finish in. For orderly consumption, messages being consumed are moved aside and committed together.
 */
public final class ProcessQueue {

    /** How long a broker lock is trusted on the client side (RocketMQ's {@code rebalance.lockMaxLiveTime}). */
    public static final long LOCK_MAX_LIVE_MILLIS = 30_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Long, MessageExt> messages = new TreeMap<>();
    private final TreeMap<Long, MessageExt> consumingOrderly = new TreeMap<>();
    /** Held by an orderly consumer while it runs the listener, so a rebalance does not unlock mid-batch. */
    private final ReentrantLock consumeLock = new ReentrantLock();
    private long cachedBytes;
    private long maxOffsetSeen = -1;
    private boolean consuming;
    private volatile boolean dropped;
    private volatile boolean locked;
    private volatile long lastLockTimestamp;
    private volatile long lastPullTimestamp = System.currentTimeMillis();
    private volatile long lastConsumeTimestamp = System.currentTimeMillis();

    /**
     * Adds pulled messages.
     *
     * @return for orderly consumption: whether a consume task must be started (none is running)
     */
    public boolean putMessages(List<MessageExt> pulled) {
        lock.lock();
        try {
            for (MessageExt m : pulled) {
                if (messages.put(m.getQueueOffset(), m) == null) {
                    cachedBytes += m.getBody() == null ? 0 : m.getBody().length;
                }
                maxOffsetSeen = Math.max(maxOffsetSeen, m.getQueueOffset());
            }
            boolean start = !messages.isEmpty() && !consuming;
            if (start) {
                consuming = true;
            }
            return start;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes consumed messages.
     *
     * @return the offset to commit now: the lowest offset still waiting, or one past the highest seen when none
     *     waits; -1 when the queue held nothing
     */
    public long removeMessages(List<MessageExt> consumed) {
        lock.lock();
        try {
            if (messages.isEmpty()) {
                return -1;
            }
            for (MessageExt m : consumed) {
                MessageExt removed = messages.remove(m.getQueueOffset());
                if (removed != null) {
                    cachedBytes -= removed.getBody() == null ? 0 : removed.getBody().length;
                }
            }
            lastConsumeTimestamp = System.currentTimeMillis();
            return messages.isEmpty() ? maxOffsetSeen + 1 : messages.firstKey();
        } finally {
            lock.unlock();
        }
    }

    public int messageCount() {
        lock.lock();
        try {
            return messages.size() + consumingOrderly.size();
        } finally {
            lock.unlock();
        }
    }

    public long cachedBytes() {
        lock.lock();
        try {
            return cachedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Offset distance between the oldest and newest waiting message (flow control for concurrent consumers). */
    public long maxSpan() {
        lock.lock();
        try {
            return messages.isEmpty() ? 0 : messages.lastKey() - messages.firstKey();
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting longer than {@code timeoutMillis} since their consumption started. */
    public List<MessageExt> expiredMessages(long timeoutMillis, String startProperty) {
        List<MessageExt> expired = new ArrayList<>();
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            for (MessageExt m : messages.values()) {
                String started = m.getProperty(startProperty);
                if (started != null && now - Long.parseLong(started) > timeoutMillis) {
                    expired.add(m);
                }
            }
        } finally {
            lock.unlock();
        }
        return expired;
    }

    /** Orderly: takes up to {@code max} messages in offset order for consumption; empty ends the consume task. */
    public List<MessageExt> takeMessages(int max) {
        lock.lock();
        try {
            List<MessageExt> taken = new ArrayList<>(max);
            while (taken.size() < max && !messages.isEmpty()) {
                Map.Entry<Long, MessageExt> first = messages.pollFirstEntry();
                consumingOrderly.put(first.getKey(), first.getValue());
                taken.add(first.getValue());
            }
            if (taken.isEmpty()) {
                consuming = false;
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Orderly: the taken messages were consumed; returns the offset to commit, or -1 when nothing was taken. */
    public long commit() {
        lock.lock();
        try {
            if (consumingOrderly.isEmpty()) {
                return -1;
            }
            long next = consumingOrderly.lastKey() + 1;
            for (MessageExt m : consumingOrderly.values()) {
                cachedBytes -= m.getBody() == null ? 0 : m.getBody().length;
            }
            consumingOrderly.clear();
            lastConsumeTimestamp = System.currentTimeMillis();
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Orderly: puts the taken messages back to be consumed again, in order. */
    public void makeMessagesToConsumeAgain(List<MessageExt> again) {
        lock.lock();
        try {
            for (MessageExt m : again) {
                consumingOrderly.remove(m.getQueueOffset());
                messages.put(m.getQueueOffset(), m);
            }
        } finally {
            lock.unlock();
        }
    }

    public ReentrantLock consumeLock() {
        return consumeLock;
    }

    public boolean isDropped() {
        return dropped;
    }

    public void setDropped(boolean dropped) {
        this.dropped = dropped;
    }

    public boolean isLocked() {
        return locked;
    }

    /** Records the outcome of a broker lock request for this queue. */
    public void setLocked(boolean locked) {
        this.locked = locked;
        if (locked) {
            lastLockTimestamp = System.currentTimeMillis();
        }
    }

    /** Whether the broker lock is too old to trust. */
    public boolean isLockExpired() {
        return System.currentTimeMillis() - lastLockTimestamp > LOCK_MAX_LIVE_MILLIS;
    }

    public long lastPullTimestamp() {
        return lastPullTimestamp;
    }

    public void markPulled() {
        lastPullTimestamp = System.currentTimeMillis();
    }

    public long lastConsumeTimestamp() {
        return lastConsumeTimestamp;
    }

    public long lastLockTimestamp() {
        return lastLockTimestamp;
    }
}
