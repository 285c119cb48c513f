package io.apogee.broker.stats;

import io.apogee.common.consumer.TopicGroup;
import io.apogee.common.service.ServiceLoop;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Put and get counters per topic and per topic@group, with per-minute rates and today's / yesterday's totals
 * (what mqadmin clusterList, statsAll and the console show). Sampled by its own loop.
 */
public final class BrokerStats implements ServiceLoop {

    /** How often the counters are sampled. */
    public static final long SAMPLE_INTERVAL_MILLIS = 10_000;

    /** statsName of per-topic puts (VIEW_BROKER_STATS_DATA). */
    public static final String TOPIC_PUT_NUMS = "TOPIC_PUT_NUMS";
    /** statsName of per-topic@group gets (VIEW_BROKER_STATS_DATA). */
    public static final String GROUP_GET_NUMS = "GROUP_GET_NUMS";

    private final Map<String, StatsItem> topicPuts = new ConcurrentHashMap<>();
    private final Map<TopicGroup, StatsItem> groupGets = new ConcurrentHashMap<>();
    private final StatsItem brokerPuts = new StatsItem();
    private final StatsItem brokerGets = new StatsItem();
    private final StatsItem putFailures = new StatsItem();
    private final long bootTimestamp = System.currentTimeMillis();
    private LocalDate today = LocalDate.now(ZoneId.systemDefault());
    private volatile long putTodayMorning;
    private volatile long putYesterdayMorning;
    private volatile long getTodayMorning;
    private volatile long getYesterdayMorning;

    /** Counts {@code messages} stored in {@code topic} totalling {@code bytes}. */
    public void recordPut(String topic, int messages, long bytes) {
        topicPuts.computeIfAbsent(topic, t -> new StatsItem()).add(messages, bytes);
        brokerPuts.add(messages, bytes);
    }

    /** Counts a send the store refused. */
    public void recordPutFailure() {
        putFailures.add(1, 0);
    }

    /** Counts {@code messages} pulled from {@code topic} by {@code group} totalling {@code bytes}. */
    public void recordGet(String topic, String group, int messages, long bytes) {
        groupGets.computeIfAbsent(new TopicGroup(topic, group), k -> new StatsItem()).add(messages, bytes);
        brokerGets.add(messages, bytes);
    }

    @Override
    public String roleName() {
        return "ApogeeBrokerStats";
    }

    @Override
    public int doWork() {
        long now = System.currentTimeMillis();
        topicPuts.values().forEach(i -> i.sample(now));
        groupGets.values().forEach(i -> i.sample(now));
        brokerPuts.sample(now);
        brokerGets.sample(now);
        putFailures.sample(now);
        LocalDate date = LocalDate.now(ZoneId.systemDefault());
        if (!date.equals(today)) {
            today = date;
            putYesterdayMorning = putTodayMorning;
            getYesterdayMorning = getTodayMorning;
            putTodayMorning = brokerPuts.count();
            getTodayMorning = brokerGets.count();
        }
        return 0;
    }

    public long bootTimestamp() {
        return bootTimestamp;
    }

    public double putTps() {
        return brokerPuts.tpsLastMinute();
    }

    public double getTps() {
        return brokerGets.tpsLastMinute();
    }

    public long putTotal() {
        return brokerPuts.count();
    }

    public long putSizeTotal() {
        return brokerPuts.sum();
    }

    public long getTotal() {
        return brokerGets.count();
    }

    public long putFailures() {
        return putFailures.count();
    }

    public long putTodayMorning() {
        return putTodayMorning;
    }

    public long putYesterdayMorning() {
        return putYesterdayMorning;
    }

    public long getTodayMorning() {
        return getTodayMorning;
    }

    public long getYesterdayMorning() {
        return getYesterdayMorning;
    }

    /** Gets of {@code topic} by {@code group} in the last minute, per second. */
    public double groupGetTps(String topic, String group) {
        StatsItem item = groupGets.get(new TopicGroup(topic, group));
        return item == null ? 0 : item.tpsLastMinute();
    }

    /** Messages of {@code topic} stored in the last day (console and statsAll "today"). */
    public long topicPutLastDay(String topic) {
        StatsItem item = topicPuts.get(topic);
        return item == null ? 0 : item.countLastDay();
    }

    /** Messages of {@code topic} consumed by {@code group} in the last day. */
    public long groupGetLastDay(String topic, String group) {
        StatsItem item = groupGets.get(new TopicGroup(topic, group));
        return item == null ? 0 : item.countLastDay();
    }

    /**
     * The minute / hour / day view of one item for VIEW_BROKER_STATS_DATA, or {@code null} when unknown.
     *
     * @param statsName {@link #TOPIC_PUT_NUMS} or {@link #GROUP_GET_NUMS}
     * @param statsKey  topic, or {@code topic@group}
     */
    public Snapshot snapshot(String statsName, String statsKey) {
        StatsItem item = switch (statsName) {
            case TOPIC_PUT_NUMS -> topicPuts.get(statsKey);
            case GROUP_GET_NUMS -> statsKey.indexOf(TopicGroup.SEPARATOR) < 0 ? null
                    : groupGets.get(TopicGroup.parse(statsKey));
            default -> null;
        };
        return item == null ? null
                : new Snapshot(item.tpsLastMinute(), item.tpsLastHour(), item.countLastDay(), item.count());
    }

    /** Rates and counts of one item. */
    public record Snapshot(double minuteTps, double hourTps, long dayCount, long total) {
    }
}
