package io.apogee.interop.replication;

import static io.apogee.interop.replication.ReplicaSet.MASTER;
import static io.apogee.interop.replication.ReplicaSet.SLAVE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How far a slave trails its master, sampled in the background: each round reads the master's max offset, then the
 * slave's (each stamped at the middle of its call). A slave sample's lag in time is how long before it the master
 * had reached the slave's offset (interpolated between master samples); its lag in bytes is the master's offset at
 * that moment (interpolated) minus the slave's.
 */
final class ReplicationLag implements AutoCloseable {

    /** Lag percentiles in ms and the largest lag in bytes. */
    record Summary(int samples, double p50Millis, double p99Millis, double maxMillis, long maxBytes) {
    }

    private record Point(long nanos, long offset) {
    }

    private final List<Point> master = new ArrayList<>();
    private final List<Point> slave = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replication-lag");
        t.setDaemon(true);
        return t;
    });

    ReplicationLag(ReplicaSet set, long periodMillis) {
        timer.scheduleAtFixedRate(() -> {
            try {
                Point m = sample(set, MASTER);
                Point s = sample(set, SLAVE);
                synchronized (this) {
                    master.add(m);
                    slave.add(s);
                }
            } catch (Exception e) {
                // A slow answer under load: this round is skipped.
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private static Point sample(ReplicaSet set, long brokerId) throws Exception {
        long before = System.nanoTime();
        long offset = set.maxOffset(brokerId);
        return new Point((before + System.nanoTime()) / 2, offset);
    }

    /** The lag over every sample so far (stops sampling). */
    synchronized Summary summary() {
        timer.shutdownNow();
        double[] millis = new double[slave.size()];
        long maxBytes = 0;
        int n = 0;
        for (Point s : slave) {
            long reachedAt = timeMasterReached(s.offset());
            if (reachedAt == Long.MIN_VALUE) {
                continue;
            }
            millis[n++] = reachedAt == Long.MAX_VALUE ? 0 : Math.max(0, s.nanos() - reachedAt) / 1e6;
            maxBytes = Math.max(maxBytes, masterOffsetAt(s.nanos()) - s.offset());
        }
        double[] sorted = Arrays.copyOf(millis, n);
        Arrays.sort(sorted);
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, -1);
        }
        return new Summary(n, sorted[n / 2], sorted[Math.min(n - 1, (int) (n * 0.99))], sorted[n - 1], maxBytes);
    }

    /** When the master's offset passed {@code offset} (interpolated); MIN_VALUE if before the first sample. */
    private long timeMasterReached(long offset) {
        for (int i = 0; i < master.size(); i++) {
            Point p = master.get(i);
            if (p.offset() >= offset) {
                if (i == 0) {
                    return p.offset() == offset ? p.nanos() : Long.MIN_VALUE;
                }
                Point q = master.get(i - 1);
                double share = (double) (offset - q.offset()) / (p.offset() - q.offset());
                return q.nanos() + Math.round(share * (p.nanos() - q.nanos()));
            }
        }
        // The slave is at the master's newest sample or beyond it: no lag seen.
        return Long.MAX_VALUE;
    }

    /** The master's offset at {@code nanos}, interpolated (clamped to the first and last samples). */
    private long masterOffsetAt(long nanos) {
        for (int i = 1; i < master.size(); i++) {
            Point p = master.get(i);
            if (p.nanos() >= nanos) {
                Point q = master.get(i - 1);
                double share = (double) (nanos - q.nanos()) / Math.max(1, p.nanos() - q.nanos());
                return q.offset() + Math.round(share * (p.offset() - q.offset()));
            }
        }
        return master.isEmpty() ? 0 : master.get(master.size() - 1).offset();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
