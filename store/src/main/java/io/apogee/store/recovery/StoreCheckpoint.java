package io.apogee.store.recovery;

import io.apogee.common.io.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code checkpoint} file, moved up every consume-queue flush round and replaced atomically. It holds when the
 * commit log, consume queues and index were last flushed (kept for operators, as RocketMQ's) and two commit-log
 * offsets, both record boundaries:
 * <ul>
 *   <li>{@code safeOffset}: below it everything (commit log, queue entries, index entries) is on disk;</li>
 *   <li>{@code dispatchedOffset}, with the {@code bootId} of the machine's run that wrote it: below it everything
 *   was written to the page cache (dispatch had passed it), which a process crash ({@code kill -9}) leaves intact
 *   but a machine crash does not.</li>
 * </ul>
 * Recovery after a crash validates the commit log from {@link #recoveryOffset()}: the dispatched offset while the
 * machine has not restarted since (the same Linux boot id), else the safe one. RocketMQ gets the same effect from a
 * memory-mapped checkpoint updated in place.
 */
public final class StoreCheckpoint {

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** This machine run's boot id, or "" where there is none (then only the safe offset is used). */
    private static final String CURRENT_BOOT = readBootId();

    private final AtomicFile file;
    private volatile boolean present;
    private volatile long safeOffset;
    private volatile long dispatchedOffset;
    private volatile String bootId = "";

    public StoreCheckpoint(Path path) {
        this.file = new AtomicFile(path);
    }

    private static String readBootId() {
        try {
            return Files.readString(BOOT_ID).trim();
        } catch (IOException e) {
            return "";
        }
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
        dispatchedOffset = Long.parseLong(p.getProperty("dispatchedOffset", String.valueOf(safeOffset)));
        bootId = p.getProperty("bootId", "");
        present = true;
    }

    /**
     * Records that everything below {@code safe} is on disk and everything below {@code dispatched} in the page cache,
     * at {@code now}, and writes the file.
     */
    public synchronized void save(long safe, long dispatched, long now) throws IOException {
        file.write("physicMsgTimestamp=" + now + "\nlogicsMsgTimestamp=" + now + "\nindexMsgTimestamp=" + now
                + "\nsafeOffset=" + safe + "\ndispatchedOffset=" + dispatched + "\nbootId=" + CURRENT_BOOT + "\n");
        safeOffset = safe;
        dispatchedOffset = dispatched;
        bootId = CURRENT_BOOT;
        present = true;
    }

    public boolean isPresent() {
        return present;
    }

    public long safeOffset() {
        return safeOffset;
    }

    public long dispatchedOffset() {
        return dispatchedOffset;
    }

    /** Where crash recovery starts validating: see the class comment. */
    public long recoveryOffset() {
        boolean sameBoot = !CURRENT_BOOT.isEmpty() && CURRENT_BOOT.equals(bootId);
        return sameBoot ? Math.max(safeOffset, dispatchedOffset) : safeOffset;
    }
}
