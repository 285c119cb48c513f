package io.apogee.tools.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies in a fixed histogram, so recording is allocation-free and lock-free from many threads: 1 ms buckets up
 * to 10 s, then buckets 1 % wider each up to about 6 days (end-to-end latencies of a consumer catching up on a
 * backlog are minutes or hours). A percentile is the upper bound of its bucket (at most the maximum seen), so it
 * is never below the true percentile.
 */
final class LatencyRecorder {

    private static final int LINEAR = 10_000;
    private static final double GROWTH = 1.01;
    private static final int LOG_BUCKETS = 1_000;
    private static final int BUCKETS = LINEAR + LOG_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final LongAdder sumMillis = new LongAdder();
    private volatile long maxMillis;

    /** Records one latency; a negative one (clocks apart) counts as 0. */
    void record(long millis) {
        long value = Math.max(millis, 0);
        counts.incrementAndGet(bucket(value));
        total.increment();
        sumMillis.add(value);
        if (value > maxMillis) {
            maxMillis = value;
        }
    }

    long count() {
        return total.sum();
    }

    double averageMillis() {
        long n = total.sum();
        return n == 0 ? 0 : (double) sumMillis.sum() / n;
    }

    long maxMillis() {
        return maxMillis;
    }

    /** The least bucket bound at or under which {@code fraction} of the recorded latencies fall, 0 when none. */
    long percentileMillis(double fraction) {
        long n = total.sum();
        if (n == 0) {
            return 0;
        }
        long target = Math.max(1, (long) Math.ceil(n * fraction));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= target) {
                return Math.min(upperBound(i), maxMillis);
            }
        }
        return maxMillis;
    }

    private static int bucket(long millis) {
        if (millis < LINEAR) {
            return (int) millis;
        }
        int step = (int) (Math.log((double) millis / LINEAR) / Math.log(GROWTH));
        return LINEAR + Math.min(step, LOG_BUCKETS - 1);
    }

    /** The largest latency bucket {@code index} holds ({@link Long#MAX_VALUE} for the last one). */
    private static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        if (index == BUCKETS - 1) {
            return Long.MAX_VALUE;
        }
        return (long) Math.ceil(LINEAR * Math.pow(GROWTH, index - LINEAR + 1));
    }
}
