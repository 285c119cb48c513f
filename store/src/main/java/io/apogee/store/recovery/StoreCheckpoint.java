package io.apogee.store.recovery;

import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code checkpoint} file: when the commit log, consume queues and index were last flushed (kept for operators,
 * as RocketMQ's), and the commit-log offset, a record boundary, below which everything (commit log, queue entries,
 * index entries) is known to be on disk. It is moved up every consume-queue flush round. Recovery after a crash
 * re-validates the commit log from that offset. Replaced atomically.
 */
public final class StoreCheckpoint {

    private final AtomicFile file;
    private volatile boolean present;
    private volatile long safeOffset;

    public StoreCheckpoint(Path path) {
        this.file = new AtomicFile(path);
    }

    /** Reads the file; a missing one leaves {@link #isPresent()} false and every value 0. */
    public void load() throws IOException {
        Optional<String> text = file.read();
        if (text.isEmpty()) {
            return;
        }
        Properties p = new Properties();
        p.load(new StringReader(text.get()));
        safeOffset = Long.parseLong(p.getProperty("safeOffset", "0"));
        present = true;
    }

    /** Records a complete flush covering everything below {@code offset}, at {@code now}, and writes the file. */
    public synchronized void save(long offset, long now) throws IOException {
        file.write("physicMsgTimestamp=" + now + "\nlogicsMsgTimestamp=" + now + "\nindexMsgTimestamp=" + now
                + "\nsafeOffset=" + offset + "\n");
        safeOffset = offset;
        present = true;
    }

    public boolean isPresent() {
        return present;
    }

    public long safeOffset() {
        return safeOffset;
    }
}
