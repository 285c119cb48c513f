package io.apogee.store.index;

import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.SysFlag;
import io.apogee.store.commitlog.CommitLogDispatcher;
import io.apogee.store.commitlog.DispatchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key index: {@code topic#key} for every KEYS entry and {@code topic#UNIQ_KEY} of each message, in files under
 * {@code <root>/index/} named by creation time ({@code yyyyMMddHHmmssSSS}), filled by dispatch.
 */
public final class IndexService implements CommitLogDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneId.systemDefault());

    private final Path dir;
    private final int slotNum;
    private final int indexNum;
    private final CopyOnWriteArrayList<IndexFile> files = new CopyOnWriteArrayList<>();
    /** Records below this commit-log offset are already indexed; only the dispatch thread (or recovery) writes it. */
    private volatile long indexedBelow;

    public IndexService(Path dir, int slotNum, int indexNum) {
        this.dir = dir;
        this.slotNum = slotNum;
        this.indexNum = indexNum;
    }

    /**
     * Maps the index files on disk. Entries past {@code commitLogEnd} (a tail recovery cut off) stay in the files but
     * do not stop new records at those offsets from being indexed; queries check every record anyway.
     */
    public void load(long commitLogEnd) throws IOException {
        loadFiles();
        long lastIndexed = files.isEmpty() ? -1 : files.get(files.size() - 1).endPhyOffset();
        indexedBelow = files.isEmpty() ? 0 : Math.min(lastIndexed + 1, commitLogEnd);
    }

    private void loadFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(dir)) {
            paths = s.filter(p -> p.getFileName().toString().matches("\\d{17}")).sorted().toList();
        }
        for (Path p : paths) {
            files.add(new IndexFile(p, slotNum, indexNum));
        }
    }

    @Override
    public void dispatch(DispatchRequest r) throws IOException {
        if (SysFlag.transactionType(r.sysFlag()) == SysFlag.TRANSACTION_ROLLBACK_TYPE) {
            return;
        }
        if (r.commitLogOffset() < indexedBelow) {
            return;
        }
        if (r.uniqKey() != null) {
            put(r.topic() + '#' + r.uniqKey(), r);
        }
        if (r.keys() != null) {
            for (String key : r.keys().split(MessageProperty.KEY_SEPARATOR)) {
                if (!key.isEmpty()) {
                    put(r.topic() + '#' + key, r);
                }
            }
        }
        indexedBelow = r.commitLogOffset() + 1;
    }

    private void put(String key, DispatchRequest r) throws IOException {
        IndexFile file = files.isEmpty() ? null : files.get(files.size() - 1);
        if (file == null || !file.put(key, r.commitLogOffset(), r.storeTimestamp())) {
            if (file != null) {
                file.flush();
            }
            file = newFile();
            file.put(key, r.commitLogOffset(), r.storeTimestamp());
        }
    }

    private IndexFile newFile() throws IOException {
        Files.createDirectories(dir);
        long now = System.currentTimeMillis();
        Path path = dir.resolve(NAME.format(Instant.ofEpochMilli(now)));
        while (Files.exists(path)) {
            path = dir.resolve(NAME.format(Instant.ofEpochMilli(++now)));
        }
        IndexFile file = new IndexFile(path, slotNum, indexNum);
        files.add(file);
        LOG.info("new index file {}", path.getFileName());
        return file;
    }

    /**
     * Commit-log offsets indexed under {@code topic#key} with a store time within {@code [begin, end]}, newest first,
     * without duplicates, at most {@code maxNum}. Collisions are possible: callers check each record.
     */
    public List<Long> query(String topic, String key, int maxNum, long begin, long end) {
        String fullKey = topic + '#' + key;
        LinkedHashSet<Long> out = new LinkedHashSet<>();
        List<IndexFile> snapshot = new ArrayList<>(files);
        for (int i = snapshot.size() - 1; i >= 0 && out.size() < maxNum; i--) {
            List<Long> found = new ArrayList<>();
            snapshot.get(i).select(found, fullKey, maxNum, begin, end);
            for (Long offset : found) {
                if (out.size() < maxNum) {
                    out.add(offset);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Store time of the newest entry, 0 when empty. */
    public long lastUpdateTimestamp() {
        return files.isEmpty() ? 0 : files.get(files.size() - 1).endTimestamp();
    }

    /** Commit-log offset of the newest entry, 0 when empty. */
    public long lastUpdatePhyOffset() {
        return files.isEmpty() ? 0 : files.get(files.size() - 1).endPhyOffset();
    }

    /** Forces the newest file to disk (full files are forced when they fill). */
    public void flush() {
        if (!files.isEmpty()) {
            files.get(files.size() - 1).flush();
        }
    }

    /** Deletes files (not the newest) whose every entry points below {@code commitLogMin}; returns how many. */
    public int deleteBelow(long commitLogMin) {
        int deleted = 0;
        for (IndexFile f : files) {
            if (f == files.get(files.size() - 1) || f.endPhyOffset() >= commitLogMin) {
                break;
            }
            files.remove(f);
            f.destroy();
            deleted++;
        }
        return deleted;
    }

    public void close() {
        files.forEach(IndexFile::close);
    }
}
