package io.apogee.store.stats;

import io.apogee.common.service.ServiceLoop;
import java.util.concurrent.atomic.LongAdder;

/**
 * Put/get counters of the store, and a once-a-second sampler (run as a service loop) from which rates over the last
 * minute are computed.
 */
public final class StoreStatsCounters implements ServiceLoop {

    private static final int SAMPLES = 61;

    private final LongAdder putTimes = new LongAdder();
    private final LongAdder putBytes = new LongAdder();
    private final LongAdder putFailures = new LongAdder();
    private final LongAdder getFound = new LongAdder();
    private final LongAdder getMiss = new LongAdder();
    private final LongAdder getTransferred = new LongAdder();
    private final long[][] samples = new long[SAMPLES][];
    private int sampleCount;

    @Override
    public String roleName() {
        return "ApogeeStoreStats";
    }

    @Override
    public int doWork() {
        sample(System.currentTimeMillis());
        return 0;
    }

    /** Takes one sample at {@code now}. */
    public synchronized void sample(long now) {
        samples[sampleCount % SAMPLES] = new long[] {now, putTimes.sum(), getTransferred.sum()};
        sampleCount++;
    }

    public void onPut(int messages, int bytes) {
        putTimes.add(messages);
        putBytes.add(bytes);
    }

    public void onPutFailed() {
        putFailures.increment();
    }

    /** Records a read: {@code messages} returned, 0 for a miss. */
    public void onGet(int messages) {
        if (messages > 0) {
            getFound.increment();
            getTransferred.add(messages);
        } else {
            getMiss.increment();
        }
    }

    public long putTimes() {
        return putTimes.sum();
    }

    public long putBytes() {
        return putBytes.sum();
    }

    public long putFailures() {
        return putFailures.sum();
    }

    public long getFound() {
        return getFound.sum();
    }

    public long getMiss() {
        return getMiss.sum();
    }

    public long getTransferred() {
        return getTransferred.sum();
    }

    /** Messages put per second over the sampled window (up to a minute), 0 before two samples. */
    public double putTps() {
        return rate(1);
    }

    /** Messages read per second over the sampled window, 0 before two samples. */
    public double getTransferredTps() {
        return rate(2);
    }

    private synchronized double rate(int column) {
        if (sampleCount < 2) {
            return 0;
        }
        long[] newest = samples[(sampleCount - 1) % SAMPLES];
        long[] oldest = samples[sampleCount <= SAMPLES ? 0 : sampleCount % SAMPLES];
        long millis = newest[0] - oldest[0];
        return millis <= 0 ? 0 : (newest[column] - oldest[column]) * 1000.0 / millis;
    }
}
