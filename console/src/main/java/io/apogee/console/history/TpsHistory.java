package io.apogee.console.history;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's trends, kept by the console for {@code consoleHistoryDays} (7) days: per broker, produce and
 * consume TPS a minute apart; per topic, TPS ten minutes apart, for at most {@link #MAX_TOPICS} topics (the busiest:
 * a quiet topic makes way for a busier one). Saved to {@code <data dir>/tps-history.json} by {@link #save()} and read
 * back at start, so a restart keeps the week.
 */
public final class TpsHistory {

    /** Topics with a trend at most (memory stays a few MB whatever the cluster's size). */
    public static final int MAX_TOPICS = 1_000;
    static final long BROKER_BUCKET_MILLIS = 60_000;
    static final long TOPIC_BUCKET_MILLIS = 600_000;
    private static final Logger LOG = LoggerFactory.getLogger(TpsHistory.class);

    private final Path file;
    private final long keepMillis;
    private final Map<String, Series> brokers = new LinkedHashMap<>();
    private final Map<String, Series> topics = new LinkedHashMap<>();
    private final Map<String, Double> latestTopicTps = new LinkedHashMap<>();

    public TpsHistory(Path dir, int days) {
        this.file = dir.resolve("tps-history.json");
        this.keepMillis = days * 86_400_000L;
        load();
    }

    /** Records a broker's TPS ({@code key} e.g. {@code broker-a/0}) at {@code timeMillis}. */
    public synchronized void recordBroker(String key, long timeMillis, double inTps, double outTps) {
        brokerSeries(key + ":in").record(timeMillis, inTps);
        brokerSeries(key + ":out").record(timeMillis, outTps);
    }

    /** Records a topic's produce TPS at {@code timeMillis}. */
    public synchronized void recordTopic(String topic, long timeMillis, double tps) {
        latestTopicTps.put(topic, tps);
        Series series = topics.get(topic);
        if (series == null) {
            if (topics.size() >= MAX_TOPICS && !evictQuieterThan(tps)) {
                return;
            }
            series = new Series(TOPIC_BUCKET_MILLIS, capacity(TOPIC_BUCKET_MILLIS));
            topics.put(topic, series);
        }
        series.record(timeMillis, tps);
    }

    /** The busiest topics by their latest TPS, at most {@code limit}. */
    public synchronized List<Map.Entry<String, Double>> topTopics(int limit) {
        return latestTopicTps.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** Forgets the latest TPS of topics that are gone. */
    public synchronized void retainTopics(Set<String> existing) {
        latestTopicTps.keySet().retainAll(existing);
        topics.keySet().retainAll(existing);
    }

    /** A broker's {@code in} or {@code out} trend since {@code fromMillis}: {@code [time, tps]} pairs. */
    public synchronized List<double[]> broker(String key, String direction, long fromMillis) {
        Series series = brokers.get(key + ":" + direction);
        return series == null ? List.of() : series.since(fromMillis);
    }

    /** A topic's trend since {@code fromMillis}. */
    public synchronized List<double[]> topic(String topic, long fromMillis) {
        Series series = topics.get(topic);
        return series == null ? List.of() : series.since(fromMillis);
    }

    /** The brokers with a trend ({@code name/id}). */
    public synchronized Set<String> brokerKeys() {
        Set<String> keys = new java.util.TreeSet<>();
        brokers.keySet().forEach(k -> keys.add(k.substring(0, k.lastIndexOf(':'))));
        return keys;
    }

    /** Writes every trend to the history file (atomically). */
    public synchronized void save() throws IOException {
        JSONObject all = JSONObject.of("brokers", dump(brokers), "topics", dump(topics));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, all.toJSONString(), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private boolean evictQuieterThan(double tps) {
        String quietest = topics.keySet().stream().min(Comparator.comparingDouble(t -> latestTopicTps
                .getOrDefault(t, 0.0))).orElse(null);
        if (quietest == null || latestTopicTps.getOrDefault(quietest, 0.0) >= tps) {
            return false;
        }
        topics.remove(quietest);
        return true;
    }

    private Series brokerSeries(String key) {
        return brokers.computeIfAbsent(key, k -> new Series(BROKER_BUCKET_MILLIS, capacity(BROKER_BUCKET_MILLIS)));
    }

    private int capacity(long bucketMillis) {
        return (int) Math.max(1, keepMillis / bucketMillis);
    }

    private static JSONObject dump(Map<String, Series> series) {
        JSONObject out = new JSONObject();
        series.forEach((key, s) -> out.put(key, JSONObject.of("buckets", s.buckets(), "values", s.values())));
        return out;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JSONObject all = JSON.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            restore(all.getJSONObject("brokers"), brokers, BROKER_BUCKET_MILLIS, MAX_TOPICS * 2);
            restore(all.getJSONObject("topics"), topics, TOPIC_BUCKET_MILLIS, MAX_TOPICS);
        } catch (IOException | RuntimeException e) {
            LOG.warn("console: TPS history {} unreadable ({}); starting a new one", file, e.getMessage());
        }
    }

    private void restore(JSONObject saved, Map<String, Series> into, long bucketMillis, int max) {
        if (saved == null) {
            return;
        }
        for (String key : saved.keySet()) {
            if (into.size() >= max) {
                break;
            }
            JSONObject s = saved.getJSONObject(key);
            JSONArray buckets = s.getJSONArray("buckets");
            JSONArray values = s.getJSONArray("values");
            Series series = new Series(bucketMillis, capacity(bucketMillis));
            series.restore(buckets.to(long[].class), values.to(float[].class));
            into.put(key, series);
        }
    }
}
