package io.apogee.console.auth;

import com.alibaba.fastjson2.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every write done through the console, appended as one JSON line to {@code <data dir>/audit.log}: who, when, what
 * (method and path), its target and its outcome. The latest entries are kept in memory for the user centre.
 */
public final class AuditLog {

    /** Entries kept in memory for {@link #latest}. */
    static final int KEPT = 1_000;

    /**
     * One write.
     *
     * @param time     epoch millis
     * @param username who did it
     * @param address  from where
     * @param action   method and path, e.g. {@code POST /api/topics}
     * @param target   what it was done to (topic, group, user...), may be empty
     * @param status   the HTTP status answered
     */
    public record Entry(long time, String username, String address, String action, String target, int status) {
    }

    private final Path file;
    private final Deque<Entry> latest = new ArrayDeque<>();

    public AuditLog(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve("audit.log");
        if (Files.exists(file)) {
            // Streamed: only the last KEPT entries stay in memory, however long the file has grown.
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.filter(line -> !line.isBlank()).forEach(line -> keep(JSON.parseObject(line, Entry.class)));
            }
        }
    }

    public synchronized void record(Entry entry) {
        keep(entry);
        try {
            Files.writeString(file, JSON.toJSONString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The newest entries first, at most {@code limit}. */
    public synchronized List<Entry> latest(int limit) {
        List<Entry> out = new ArrayList<>(Math.min(limit, latest.size()));
        var it = latest.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    private void keep(Entry entry) {
        latest.addLast(entry);
        if (latest.size() > KEPT) {
            latest.removeFirst();
        }
    }
}
