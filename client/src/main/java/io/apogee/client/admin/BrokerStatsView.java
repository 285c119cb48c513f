package io.apogee.client.admin;

/**
 * One broker statistic over the last minute, hour and day (VIEW_BROKER_STATS_DATA; {@code mqadmin statsAll}): a
 * topic's puts ({@code TOPIC_PUT_NUMS}, key the topic) or a group's gets ({@code GROUP_GET_NUMS}, key
 * {@code topic@group}).
 */
public record BrokerStatsView(long minuteSum, double minuteTps, long hourSum, double hourTps, long daySum,
        double dayTps) {
}
