package io.apogee.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * One counted thing (puts of a topic, gets of a group): a running count and byte sum, plus samples taken every
 * {@link BrokerStats#SAMPLE_INTERVAL_MILLIS} so rates over the last minute, hour and day can be read.
 */
final class StatsItem {

    private static final int MINUTE_SAMPLES = 6;
    private static final int HOUR_SAMPLES = 60 * 6;

    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final long[] countRing = new long[HOUR_SAMPLES + 1];
    private final long[] timeRing = new long[HOUR_SAMPLES + 1];
    private int samples;
    private long dayStartCount;
    private long dayStartMillis;

    void add(int times, long bytes) {
        count.add(times);
        sum.add(bytes);
    }

    long count() {
        return count.sum();
    }

    long sum() {
        return sum.sum();
    }

    /** Takes a sample; the caller samples every item on one thread. */
    synchronized void sample(long nowMillis) {
        int slot = samples % countRing.length;
        countRing[slot] = count.sum();
        timeRing[slot] = nowMillis;
        samples++;
        if (dayStartMillis == 0) {
            dayStartMillis = nowMillis;
        }
        if (nowMillis - dayStartMillis >= 24L * 3600 * 1000) {
            dayStartCount = count.sum();
            dayStartMillis = nowMillis;
        }
    }

    /** Events per second over the last minute (fewer samples: since the first one). */
    double tpsLastMinute() {
        return tpsOver(MINUTE_SAMPLES);
    }

    /** Events per second over the last hour. */
    double tpsLastHour() {
        return tpsOver(HOUR_SAMPLES);
    }

    /** Events counted in the last day (since the item's day window started). */
    synchronized long countLastDay() {
        return count.sum() - dayStartCount;
    }

    private synchronized double tpsOver(int back) {
        if (samples < 2) {
            return 0;
        }
        int newest = (samples - 1) % countRing.length;
        int steps = Math.min(back, samples - 1);
        int oldest = (samples - 1 - steps) % countRing.length;
        long millis = timeRing[newest] - timeRing[oldest];
        return millis <= 0 ? 0 : (countRing[newest] - countRing[oldest]) * 1000.0 / millis;
    }
}
