package io.apogee.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Percentiles of the benchmark's histogram, including end-to-end latencies of a consumer behind a backlog. */
class LatencyRecorderTest {

    @Test
    void percentilesOfShortLatenciesAreExact() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            recorder.record(i);
        }
        assertEquals(99, recorder.percentileMillis(0.99));
        assertEquals(50, recorder.percentileMillis(0.5));
        assertEquals(100, recorder.maxMillis());
        assertEquals(50.5, recorder.averageMillis(), 1e-9);
    }

    @Test
    void latenciesBeyondTenSecondsKeepTheP99AboveTheAverage() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 1000; i++) {
            recorder.record(60_000 + i * 100L);
        }
        long p99 = recorder.percentileMillis(0.99);
        assertTrue(p99 >= recorder.averageMillis(), p99 + " < " + recorder.averageMillis());
        assertTrue(p99 >= 158_900 && p99 <= 159_900 * 1.011, "p99 " + p99);
        assertEquals(159_900, recorder.percentileMillis(1.0));
    }

    @Test
    void negativeLatenciesCountAsZeroAndAnEmptyRecorderReportsZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        assertEquals(0, recorder.percentileMillis(0.99));
        recorder.record(-5);
        recorder.record(5);
        assertEquals(2.5, recorder.averageMillis(), 1e-9);
        assertEquals(5, recorder.percentileMillis(0.99));
    }
}
