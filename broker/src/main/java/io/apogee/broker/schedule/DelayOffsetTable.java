package io.apogee.broker.schedule;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery progress of each delay level: the next {@code SCHEDULE_TOPIC_XXXX} queue offset to deliver, persisted
 * atomically to {@code config/delayOffset.json} as {@code {"offsetTable":{"<level>":<offset>}}}.
 *
 * <p>An offset only moves past a message once its real copy is stored, so after a crash the most a restart does is
 * deliver again what was delivered since the last persist (at least once, never lost).
 */
public final class DelayOffsetTable {

    private static final Logger LOG = LoggerFactory.getLogger(DelayOffsetTable.class);

    private final AtomicFile file;
    private final ConcurrentMap<Integer, Long> offsets = new ConcurrentHashMap<>();

    public DelayOffsetTable(Path configDir) {
        this.file = new AtomicFile(configDir.resolve("delayOffset.json"));
    }

    /** Loads the persisted progress, if any. */
    public void load() throws IOException {
        String text = file.read().orElse(null);
        if (text == null || text.isBlank()) {
            return;
        }
        offsets.putAll(decode(text));
        LOG.info("loaded delay progress of {} levels from {}", offsets.size(), file.path());
    }

    /**
     * Reads a table as {@code delayOffset.json} and GET_ALL_DELAY_OFFSET hold it: {@code {"offsetTable":{level:
     * offset}}}, levels quoted (ours) or not (RocketMQ's fastjson writes them bare); other fields are ignored.
     */
    public static Map<Integer, Long> decode(String json) {
        Map<Integer, Long> out = new TreeMap<>();
        JSONObject table = JSON.parseObject(json).getJSONObject("offsetTable");
        if (table != null) {
            ((Map<?, ?>) table).forEach((level, offset) -> out.put(Integer.parseInt(String.valueOf(level)),
                    ((Number) offset).longValue()));
        }
        return out;
    }

    /**
     * Takes {@code table} as the progress of every level (a slave copying its master's), and persists it when it
     * differs.
     *
     * @return whether anything changed
     */
    public synchronized boolean replaceAll(Map<Integer, Long> table) {
        if (offsets.equals(table)) {
            return false;
        }
        offsets.putAll(table);
        offsets.keySet().retainAll(table.keySet());
        persist();
        return true;
    }

    /** Writes the progress of every level to disk atomically. */
    public synchronized void persist() {
        try {
            file.write(encode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist delay offsets to " + file.path(), e);
        }
    }

    /** The next schedule-queue offset of {@code level} to deliver (0 when none delivered yet). */
    public long offset(int level) {
        return offsets.getOrDefault(level, 0L);
    }

    /** Records that everything of {@code level} before {@code next} has been delivered. */
    public void advance(int level, long next) {
        offsets.put(level, next);
    }

    /** The whole table as JSON, the content of {@code delayOffset.json}. */
    public String encode() {
        Map<String, Long> table = new TreeMap<>();
        offsets.forEach((level, offset) -> table.put(level.toString(), offset));
        return JSON.toJSONString(Map.of("offsetTable", table));
    }
}
