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
        JSONObject table = JSON.parseObject(text).getJSONObject("offsetTable");
        if (table != null) {
            table.keySet().forEach(level -> offsets.put(Integer.parseInt(level), table.getLong(level)));
        }
        LOG.info("loaded delay progress of {} levels from {}", offsets.size(), file.path());
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
