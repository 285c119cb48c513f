package io.apogee.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One fixed-size, memory-mapped store file named by the 20-digit store offset of its first byte.
 *
 * <p>Writers use absolute puts on {@link #buffer()} and then publish with {@link #setWrotePosition}; the position
 * is volatile, so a reader that sees a position also sees every byte before it. Only one thread writes at a time
 * (the owner's append lock or its single dispatch thread).
 *
 * <p>The mapping is not unmapped explicitly: slices handed to readers may outlive a delete, so the mapping is
 * released by the garbage collector once no slice refers to it (a deleted file's disk space is freed then).
 */
public final class MappedFile {

    /** Page size used to count dirty pages. */
    public static final int PAGE_SIZE = 4096;

    private final Path path;
    private final long fromOffset;
    private final int fileSize;
    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private volatile int wrotePosition;
    private volatile int flushedPosition;

    /** Opens (creating if needed) and maps {@code path}, named by its start offset, extending it to {@code fileSize}. */
    public MappedFile(Path path, int fileSize) throws IOException {
        this(path, Long.parseLong(path.getFileName().toString()), fileSize);
    }

    /** Opens (creating if needed) and maps {@code path} as the file starting at {@code fromOffset}. */
    public MappedFile(Path path, long fromOffset, int fileSize) throws IOException {
        this.path = path;
        this.fileSize = fileSize;
        this.fromOffset = fromOffset;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            this.buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The 20-digit file name of a file starting at {@code offset}. */
    public static String fileName(long offset) {
        return String.format("%020d", offset);
    }

    public Path path() {
        return path;
    }

    /** Store offset of this file's first byte. */
    public long fromOffset() {
        return fromOffset;
    }

    public int fileSize() {
        return fileSize;
    }

    /** The mapping; writers use absolute puts, readers use {@link #slice}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Bytes written and visible to readers. */
    public int wrotePosition() {
        return wrotePosition;
    }

    /** Publishes bytes written before {@code position}. */
    public void setWrotePosition(int position) {
        this.wrotePosition = position;
    }

    public int flushedPosition() {
        return flushedPosition;
    }

    /** Sets both positions, for recovery. */
    public void resetPositions(int position) {
        this.wrotePosition = position;
        this.flushedPosition = position;
    }

    /**
     * Lowers the flushed position to {@code position} (recovery: bytes a crash left in the page cache, which the next
     * flush forces).
     */
    public synchronized void markUnflushedFrom(int position) {
        flushedPosition = Math.min(flushedPosition, Math.max(0, position));
    }

    public boolean isFull() {
        return wrotePosition == fileSize;
    }

    /**
     * Forces written bytes to disk when at least {@code leastPages} pages are dirty (or the file is full, or
     * {@code leastPages} is 0).
     *
     * @return the flushed position afterwards
     */
    public synchronized int flush(int leastPages) {
        int wrote = wrotePosition;
        int flushed = flushedPosition;
        if (wrote > flushed && (leastPages <= 0 || wrote == fileSize
                || wrote / PAGE_SIZE - flushed / PAGE_SIZE >= leastPages)) {
            buffer.force(flushed, wrote - flushed);
            flushedPosition = wrote;
        }
        return flushedPosition;
    }

    /** Forces the whole mapping to disk, for files written at random positions (the key index). */
    public void forceAll() {
        buffer.force();
    }

    /** A read-only view of {@code size} bytes from {@code position}, independent of other readers. */
    public ByteBuffer slice(int position, int size) {
        return buffer.slice(position, size).asReadOnlyBuffer();
    }

    /**
     * Discards every byte from {@code position} to the end of the file without reading them, so that stale bytes past
     * a recovered end can never be mistaken for data later: the file is truncated at {@code position} and extended
     * again to its size, which frees those disk blocks and makes them read as zeros (the rest of the page holding
     * {@code position} is zeroed here too). The cost does not depend on how much is discarded. Only for recovery:
     * no reader may touch the mapping past {@code position} meanwhile. Not forced: a journaling file system commits
     * the cut before any later write of this file is made durable.
     */
    public void cutAt(int position) throws IOException {
        if (position >= fileSize) {
            return;
        }
        channel.truncate(position);
        channel.write(ByteBuffer.allocate(1), fileSize - 1);
        int pageEnd = Math.min(fileSize, (position / PAGE_SIZE + 1) * PAGE_SIZE);
        for (int i = position; i < pageEnd; i++) {
            buffer.put(i, (byte) 0);
        }
    }

    /** The file's last-modified time in ms. */
    public long lastModified() throws IOException {
        return Files.getLastModifiedTime(path).toMillis();
    }

    /** Closes the channel (the mapping stays valid until collected). */
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }

    /** Closes and deletes the file. */
    public void destroy() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
