package io.apogee.client.impl;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers brokers that failed or answered slowly and keeps them out of queue selection for a while, like
 * RocketMQ's {@code sendLatencyFaultEnable}: a send that took at least {@code latencyMax[i]} ms pauses its broker for
 * {@code notAvailableDuration[i]} ms (the highest step reached wins), and an isolated failure (connect error,
 * timeout) counts as a 30 s send. The two arrays pair up by index; steps of the longer one beyond the shorter one's
 * length are ignored. Both can be replaced at any time.
 */
public final class LatencyFaultTolerance {

    /** RocketMQ 4.9.8's {@code latencyMax}, in ms. */
    public static final long[] DEFAULT_LATENCY_MAX = {50, 100, 550, 1000, 2000, 3000, 15000};
    /** RocketMQ 4.9.8's {@code notAvailableDuration}, in ms. */
    public static final long[] DEFAULT_NOT_AVAILABLE_DURATION = {0, 0, 30000, 60000, 120000, 180000, 600000};
    private static final long ISOLATION_LATENCY_MILLIS = 30_000;

    private final Map<String, Long> unavailableUntil = new ConcurrentHashMap<>();
    private volatile long[] latencyMax = DEFAULT_LATENCY_MAX.clone();
    private volatile long[] notAvailableDuration = DEFAULT_NOT_AVAILABLE_DURATION.clone();

    /** Records one send to {@code brokerName} that took {@code latencyMillis}, or failed when {@code isolation}. */
    public void update(String brokerName, long latencyMillis, boolean isolation) {
        long pause = pauseFor(isolation ? ISOLATION_LATENCY_MILLIS : latencyMillis);
        if (pause == 0) {
            unavailableUntil.remove(brokerName);
        } else {
            unavailableUntil.put(brokerName, System.currentTimeMillis() + pause);
        }
    }

    /** Whether {@code brokerName} may be chosen now. */
    public boolean isAvailable(String brokerName) {
        Long until = unavailableUntil.get(brokerName);
        return until == null || System.currentTimeMillis() >= until;
    }

    public long[] getLatencyMax() {
        return latencyMax.clone();
    }

    /** The latency steps, in ms, ascending. */
    public void setLatencyMax(long[] latencyMax) {
        this.latencyMax = checked("latencyMax", latencyMax);
    }

    public long[] getNotAvailableDuration() {
        return notAvailableDuration.clone();
    }

    /** The pause of each latency step, in ms. */
    public void setNotAvailableDuration(long[] notAvailableDuration) {
        this.notAvailableDuration = checked("notAvailableDuration", notAvailableDuration);
    }

    private long pauseFor(long latencyMillis) {
        long[] latencies = latencyMax;
        long[] pauses = notAvailableDuration;
        for (int i = Math.min(latencies.length, pauses.length) - 1; i >= 0; i--) {
            if (latencyMillis >= latencies[i]) {
                return pauses[i];
            }
        }
        return 0;
    }

    private static long[] checked(String name, long[] steps) {
        if (steps == null || steps.length == 0) {
            throw new IllegalArgumentException(name + " must list at least one step, in ms, got "
                    + Arrays.toString(steps));
        }
        return steps.clone();
    }
}
