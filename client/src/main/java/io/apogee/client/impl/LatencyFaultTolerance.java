package io.apogee.client.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers brokers that failed or answered slowly and keeps them out of queue selection for a while, like
 * RocketMQ's {@code sendLatencyFaultEnable}: the pause grows with the observed latency, and an isolated failure
 * (connect error, timeout) pauses the broker for the longest step.
 */
public final class LatencyFaultTolerance {

    private static final long[] LATENCY_MILLIS = {50, 100, 550, 1000, 2000, 3000, 15000};
    private static final long[] PAUSE_MILLIS = {0, 0, 30000, 60000, 120000, 180000, 600000};

    private final Map<String, Long> unavailableUntil = new ConcurrentHashMap<>();

    /** Records one send to {@code brokerName} that took {@code latencyMillis}, or failed when {@code isolation}. */
    public void update(String brokerName, long latencyMillis, boolean isolation) {
        long pause = pauseFor(isolation ? 30000 : latencyMillis);
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

    private static long pauseFor(long latencyMillis) {
        for (int i = LATENCY_MILLIS.length - 1; i >= 0; i--) {
            if (latencyMillis >= LATENCY_MILLIS[i]) {
                return PAUSE_MILLIS[i];
            }
        }
        return 0;
    }
}
