package io.apogee.tools.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies in a fixed histogram of 1 ms buckets up to 10 s (the last bucket takes everything slower), so recording
 * is allocation-free and lock-free from many threads; percentiles are bucket upper bounds.
 */
final class LatencyRecorder {

    private static final int BUCKETS = 10_001;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final LongAdder sumMillis = new LongAdder();
    private volatile long maxMillis;

    void record(long millis) {
        counts.incrementAndGet((int) Math.min(Math.max(millis, 0), BUCKETS - 1));
        total.increment();
        sumMillis.add(millis);
        if (millis > maxMillis) {
            maxMillis = millis;
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

    /** The smallest bucket bound under which {@code fraction} of the recorded latencies fall. */
    long percentileMillis(double fraction) {
        long n = total.sum();
        long target = (long) Math.ceil(n * fraction);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= target && n > 0) {
                return i;
            }
        }
        return BUCKETS - 1;
    }
}
