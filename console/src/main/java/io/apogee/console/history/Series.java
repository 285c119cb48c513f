package io.apogee.console.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One trend: a value per time bucket for a fixed number of buckets (a ring), the latest value of a bucket winning.
 * Not thread-safe: {@link TpsHistory} guards it.
 */
final class Series {

    private final long bucketMillis;
    private final long[] buckets;
    private final float[] values;

    Series(long bucketMillis, int capacity) {
        this.bucketMillis = bucketMillis;
        this.buckets = new long[capacity];
        this.values = new float[capacity];
        Arrays.fill(buckets, -1);
    }

    void record(long timeMillis, double value) {
        long bucket = timeMillis / bucketMillis;
        int slot = (int) (bucket % buckets.length);
        buckets[slot] = bucket;
        values[slot] = (float) value;
    }

    /** {@code [bucket start millis, value]} pairs at or after {@code fromMillis}, oldest first. */
    List<double[]> since(long fromMillis) {
        long from = fromMillis / bucketMillis;
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] >= from) {
                points.add(new double[] {buckets[i] * bucketMillis, values[i]});
            }
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        return points;
    }

    long[] buckets() {
        return buckets;
    }

    float[] values() {
        return values;
    }

    /** Restores a saved series; a saved one of another shape is ignored (the history starts over). */
    void restore(long[] savedBuckets, float[] savedValues) {
        if (savedBuckets.length == buckets.length && savedValues.length == values.length) {
            System.arraycopy(savedBuckets, 0, buckets, 0, buckets.length);
            System.arraycopy(savedValues, 0, values, 0, values.length);
        }
    }
}
