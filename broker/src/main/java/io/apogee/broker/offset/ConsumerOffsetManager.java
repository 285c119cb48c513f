package io.apogee.broker.offset;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.common.consumer.TopicGroup;
import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer groups' committed offsets per queue, kept in memory and persisted to {@code consumerOffset.json}
 * ({@code {"offsetTable":{"topic@group":{"queueId":offset}}}}) by the broker's persist loop and at shutdown.
 */
public final class ConsumerOffsetManager {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerOffsetManager.class);

    private final AtomicFile file;
    private final ConcurrentMap<TopicGroup, ConcurrentMap<Integer, Long>> offsets = new ConcurrentHashMap<>();

    public ConsumerOffsetManager(Path configDir) {
        this.file = new AtomicFile(configDir.resolve("consumerOffset.json"));
    }

    /** Loads the persisted offsets, if any. */
    public void load() throws IOException {
        String text = file.read().orElse(null);
        if (text == null || text.isBlank()) {
            return;
        }
        decode(text, file.path().toString())
                .forEach((key, queues) -> offsets.put(key, new ConcurrentHashMap<>(queues)));
        LOG.info("loaded consumer offsets of {} topic@group pairs from {}", offsets.size(), file.path());
    }

    /**
     * Reads an offset table as {@code consumerOffset.json} and GET_ALL_CONSUMER_OFFSET hold it:
     * {@code {"offsetTable":{"topic@group":{queueId:offset}}}}, queue ids quoted (ours) or not (RocketMQ's fastjson
     * writes them bare). A malformed {@code topic@group} key is skipped with a warning naming {@code source}.
     */
    public static Map<TopicGroup, Map<Integer, Long>> decode(String json, String source) {
        Map<TopicGroup, Map<Integer, Long>> out = new HashMap<>();
        JSONObject table = JSON.parseObject(json).getJSONObject("offsetTable");
        if (table == null) {
            return out;
        }
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) table).entrySet()) {
            TopicGroup topicGroup;
            try {
                topicGroup = TopicGroup.parse(String.valueOf(entry.getKey()));
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: entry '{}' skipped: {}", source, entry.getKey(), e.getMessage());
                continue;
            }
            Map<Integer, Long> queues = new HashMap<>();
            if (entry.getValue() instanceof Map<?, ?> byQueue) {
                byQueue.forEach((queueId, offset) -> queues.put(Integer.parseInt(String.valueOf(queueId)),
                        ((Number) offset).longValue()));
            }
            out.put(topicGroup, queues);
        }
        return out;
    }

    /** Writes every offset to disk atomically. */
    public synchronized void persist() {
        try {
            file.write(encode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist consumer offsets to " + file.path(), e);
        }
    }

    /** Every offset as {@code consumerOffset.json} holds it, GET_ALL_CONSUMER_OFFSET's answer. */
    public String encode() {
        Map<String, Map<String, Long>> table = new TreeMap<>();
        offsets.forEach((key, queues) -> {
            Map<String, Long> byQueue = new TreeMap<>();
            queues.forEach((q, o) -> byQueue.put(q.toString(), o));
            table.put(key.toString(), byQueue);
        });
        return JSON.toJSONString(Map.of("offsetTable", table));
    }

    /** Records {@code offset} as the next offset {@code group} will consume in the queue. */
    public void commitOffset(String group, String topic, int queueId, long offset) {
        offsets.computeIfAbsent(new TopicGroup(topic, group), k -> new ConcurrentHashMap<>()).put(queueId, offset);
    }

    /** The committed offset, or -1 when the group has none for the queue. */
    public long queryOffset(String group, String topic, int queueId) {
        Map<Integer, Long> queues = offsets.get(new TopicGroup(topic, group));
        if (queues == null) {
            return -1;
        }
        Long offset = queues.get(queueId);
        return offset == null ? -1 : offset;
    }

    /** The group's committed offsets in {@code topic}, by queue id (empty when none). */
    public Map<Integer, Long> offsetsOf(String group, String topic) {
        Map<Integer, Long> queues = offsets.get(new TopicGroup(topic, group));
        return queues == null ? Map.of() : Map.copyOf(queues);
    }

    /** A copy of every committed offset, by topic and group, then by queue id (read by the lag metrics). */
    public Map<TopicGroup, Map<Integer, Long>> snapshot() {
        Map<TopicGroup, Map<Integer, Long>> copy = new HashMap<>();
        offsets.forEach((key, queues) -> copy.put(key, Map.copyOf(queues)));
        return copy;
    }

    /** Topics in which {@code group} has committed offsets. */
    public Set<String> topicsOf(String group) {
        Set<String> topics = new HashSet<>();
        for (TopicGroup key : offsets.keySet()) {
            if (key.group().equals(group)) {
                topics.add(key.topic());
            }
        }
        return topics;
    }

    /** Groups that have committed offsets in {@code topic}. */
    public Set<String> groupsOf(String topic) {
        Set<String> groups = new HashSet<>();
        for (TopicGroup key : offsets.keySet()) {
            if (key.topic().equals(topic)) {
                groups.add(key.group());
            }
        }
        return groups;
    }

    /**
     * Replaces {@code destGroup}'s offsets in {@code topic} by a copy of {@code srcGroup}'s; nothing changes when the
     * source group has none there.
     */
    public void cloneOffsets(String srcGroup, String destGroup, String topic) {
        Map<Integer, Long> source = offsets.get(new TopicGroup(topic, srcGroup));
        if (source != null) {
            offsets.put(new TopicGroup(topic, destGroup), new ConcurrentHashMap<>(source));
        }
    }

    /**
     * Per queue of {@code topic}, the lowest offset committed by any group but {@code excludedGroups}, counting only
     * offsets at or above {@code minOffsetOfQueue} (a group left behind the queue's retained start is ignored).
     */
    public Map<Integer, Long> lowestOffsets(String topic, Set<String> excludedGroups,
            IntToLongFunction minOffsetOfQueue) {
        Map<Integer, Long> lowest = new HashMap<>();
        offsets.forEach((key, queues) -> {
            if (key.topic().equals(topic) && !excludedGroups.contains(key.group())) {
                queues.forEach((queueId, offset) -> {
                    if (offset >= minOffsetOfQueue.applyAsLong(queueId)) {
                        lowest.merge(queueId, offset, Math::min);
                    }
                });
            }
        });
        return lowest;
    }

    /** Forgets every offset of {@code group}. */
    public void removeGroup(String group) {
        offsets.keySet().removeIf(key -> key.group().equals(group));
    }

    /** Forgets every offset in {@code topic}. */
    public void removeTopic(String topic) {
        offsets.keySet().removeIf(key -> key.topic().equals(topic));
    }
}
