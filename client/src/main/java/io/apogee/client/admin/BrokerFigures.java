package io.apogee.client.admin;

import java.util.Map;

/**
 * A broker's load and store figures as {@code clusterList} shows them, read from its GET_BROKER_RUNTIME_INFO keys
 * (a key the broker does not report counts as 0, as in RocketMQ).
 *
 * @param version the broker's version, e.g. {@code V4_9_8} ({@code brokerVersionDesc})
 * @param inTps messages put per second (first figure of {@code putTps})
 * @param outTps messages delivered per second (first figure of {@code getTransferedTps})
 * @param storedHours hours since the oldest message in the store was stored, 0 when it is empty
 * @param diskRatio the commit log's disk use, 0..1 ({@code commitLogDiskRatio})
 * @param inTotalYesterday messages put yesterday
 * @param outTotalYesterday messages delivered yesterday
 * @param inTotalToday messages put since this morning
 * @param outTotalToday messages delivered since this morning
 */
public record BrokerFigures(String version, double inTps, double outTps, double storedHours, double diskRatio,
        long inTotalYesterday, long outTotalYesterday, long inTotalToday, long outTotalToday) {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    /**
     * Reads the figures from runtime stats fetched at {@code nowMillis}.
     *
     * @throws IllegalArgumentException naming the key whose value is not a number
     */
    static BrokerFigures of(Map<String, String> stats, long nowMillis) {
        long earliest = number(stats, "earliestMessageTimeStamp");
        return new BrokerFigures(stats.getOrDefault("brokerVersionDesc", ""),
                firstFigure(stats, "putTps"), firstFigure(stats, "getTransferedTps"),
                earliest <= 0 ? 0 : (nowMillis - earliest) / MILLIS_PER_HOUR, decimal(stats, "commitLogDiskRatio"),
                number(stats, "msgPutTotalTodayMorning") - number(stats, "msgPutTotalYesterdayMorning"),
                number(stats, "msgGetTotalTodayMorning") - number(stats, "msgGetTotalYesterdayMorning"),
                number(stats, "msgPutTotalTodayNow") - number(stats, "msgPutTotalTodayMorning"),
                number(stats, "msgGetTotalTodayNow") - number(stats, "msgGetTotalTodayMorning"));
    }

    /** TPS keys hold the rates over several windows, {@code "12.00 11.50 9.80"}; the first is the latest. */
    private static double firstFigure(Map<String, String> stats, String key) {
        String value = stats.get(key);
        if (value == null || value.isBlank()) {
            return 0;
        }
        return parse(key, value.trim().split("\\s+")[0]);
    }

    private static double decimal(Map<String, String> stats, String key) {
        String value = stats.get(key);
        return value == null || value.isBlank() ? 0 : parse(key, value.trim());
    }

    private static double parse(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("runtime stat " + key + " is not a number: '" + value + "'");
        }
    }

    private static long number(Map<String, String> stats, String key) {
        String value = stats.get(key);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("runtime stat " + key + " is not a number: '" + value + "'");
        }
    }
}
