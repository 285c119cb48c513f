package io.apogee.store.recovery;

import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code checkpoint} file: when the commit log, consume queues and index were last flushed, and the commit-log
 * offset below which everything (commit log, queue entries, index entries) is known to be on disk. Recovery after a
 * crash re-validates the commit log from the file holding that offset. Replaced atomically.
 */
public final class StoreCheckpoint {

    private final AtomicFile file;
    private volatile boolean present;
    private volatile long physicMsgTimestamp;
    private volatile long logicsMsgTimestamp;
    private volatile long indexMsgTimestamp;
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
        physicMsgTimestamp = Long.parseLong(p.getProperty("physicMsgTimestamp", "0"));
        logicsMsgTimestamp = Long.parseLong(p.getProperty("logicsMsgTimestamp", "0"));
        indexMsgTimestamp = Long.parseLong(p.getProperty("indexMsgTimestamp", "0"));
        safeOffset = Long.parseLong(p.getProperty("safeOffset", "0"));
        present = true;
    }

    /** Records a complete flush covering everything below {@code offset}, at {@code now}, and writes the file. */
    public synchronized void save(long offset, long now) throws IOException {
        safeOffset = offset;
        physicMsgTimestamp = now;
        logicsMsgTimestamp = now;
        indexMsgTimestamp = now;
        file.write("physicMsgTimestamp=" + physicMsgTimestamp + "\nlogicsMsgTimestamp=" + logicsMsgTimestamp
                + "\nindexMsgTimestamp=" + indexMsgTimestamp + "\nsafeOffset=" + safeOffset + "\n");
        present = true;
    }

    public boolean isPresent() {
        return present;
    }

    public long safeOffset() {
        return safeOffset;
    }

    public long physicMsgTimestamp() {
        return physicMsgTimestamp;
    }

    public long logicsMsgTimestamp() {
        return logicsMsgTimestamp;
    }

    public long indexMsgTimestamp() {
        return indexMsgTimestamp;
    }
}
