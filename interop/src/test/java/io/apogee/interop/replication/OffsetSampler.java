package io.apogee.interop.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a broker's commit-log max offset every {@code periodMillis} in the background through its runtime info,
 * keeping each answer with the time it came (a broker that is down gives no sample): the history a test reads to see
 * whether a commit log ever went backwards.
 */
final class OffsetSampler implements AutoCloseable {

    /** One answer: when it came ({@link System#nanoTime()}) and the offset. */
    record Sample(long nanos, long offset) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "offset-sampler");
        t.setDaemon(true);
        return t;
    });

    OffsetSampler(ReplicaSet set, long brokerId, long periodMillis) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                long offset = set.maxOffset(brokerId);
                synchronized (samples) {
                    samples.add(new Sample(System.nanoTime(), offset));
                }
            } catch (Exception e) {
                // The broker is down or restarting: no sample this time.
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Every sample so far, oldest first. */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The newest sample; null before the first. */
    Sample last() {
        synchronized (samples) {
            return samples.isEmpty() ? null : samples.get(samples.size() - 1);
        }
    }

    /** The samples taken after {@code nanos}, oldest first. */
    List<Sample> since(long nanos) {
        List<Sample> after = new ArrayList<>();
        for (Sample s : samples()) {
            if (s.nanos() > nanos) {
                after.add(s);
            }
        }
        return after;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
