package io.apogee.store.queue;

import io.apogee.common.message.TopicQueue;
import io.apogee.store.commitlog.CommitLogDispatcher;
import io.apogee.store.commitlog.DispatchRequest;
import io.apogee.store.file.MappedFileQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/** Every consume queue, under {@code <root>/consumequeue/<topic>/<queueId>/}, and the dispatcher that fills them. */
public final class ConsumeQueueTable implements CommitLogDispatcher {

    private final Path root;
    private final int fileSize;
    private final ConcurrentMap<String, ConcurrentMap<Integer, ConsumeQueue>> queues = new ConcurrentHashMap<>();

    /**
     * @param root     the {@code consumequeue} directory
     * @param fileSize bytes per consume-queue file
     */
    public ConsumeQueueTable(Path root, int fileSize) {
        this.root = root;
        this.fileSize = fileSize;
    }

    /**
     * Loads and recovers every queue on disk.
     *
     * @see ConsumeQueue#recover
     */
    public void recover(long commitLogMin, long commitLogEnd, long unflushedFrom) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        for (Path topicDir : list(root)) {
            for (Path queueDir : list(topicDir)) {
                String name = queueDir.getFileName().toString();
                if (name.matches("\\d+")) {
                    findOrCreate(topicDir.getFileName().toString(), Integer.parseInt(name))
                            .recover(commitLogMin, commitLogEnd, unflushedFrom);
                }
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).toList();
        }
    }

    /** The queue, or {@code null} when it was never written. */
    public ConsumeQueue find(String topic, int queueId) {
        Map<Integer, ConsumeQueue> byId = queues.get(topic);
        return byId == null ? null : byId.get(queueId);
    }

    /** The queue, created (empty, no files yet) when missing. */
    public ConsumeQueue findOrCreate(String topic, int queueId) {
        return queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).computeIfAbsent(queueId,
                id -> new ConsumeQueue(topic, id,
                        new MappedFileQueue(root.resolve(topic).resolve(String.valueOf(id)), fileSize)));
    }

    @Override
    public void dispatch(DispatchRequest r) throws IOException {
        if (r.isConsumable()) {
            findOrCreate(r.topic(), r.queueId()).putEntry(r.commitLogOffset(), r.size(), r.tagsCode(),
                    r.queueOffset());
        }
    }

    /** Every queue. */
    public List<ConsumeQueue> all() {
        List<ConsumeQueue> out = new ArrayList<>();
        queues.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** Next queue offset of every queue. */
    public Map<TopicQueue, Long> nextQueueOffsets() {
        Map<TopicQueue, Long> out = new HashMap<>();
        for (ConsumeQueue q : all()) {
            out.put(new TopicQueue(q.topic(), q.queueId()), q.maxOffset());
        }
        return out;
    }

    /** Largest commit-log end any queue covers, 0 when none. */
    public long maxPhysicOffset() {
        long max = 0;
        for (ConsumeQueue q : all()) {
            max = Math.max(max, q.maxPhysicOffset());
        }
        return max;
    }

    public void flush(int leastPages) {
        for (ConsumeQueue q : all()) {
            q.flush(leastPages);
        }
    }

    /** Applies retention below {@code commitLogMin} to every queue; returns the number of files deleted. */
    public int deleteBelow(long commitLogMin) {
        int deleted = 0;
        for (ConsumeQueue q : all()) {
            deleted += q.deleteBelow(commitLogMin);
        }
        return deleted;
    }

    /** Deletes every queue of {@code topic} and its files. */
    public void deleteTopic(String topic) throws IOException {
        Map<Integer, ConsumeQueue> byId = queues.remove(topic);
        if (byId != null) {
            for (ConsumeQueue q : byId.values()) {
                q.destroy();
            }
        }
        Files.deleteIfExists(root.resolve(topic));
    }

    public void close() {
        all().forEach(ConsumeQueue::close);
    }
}
