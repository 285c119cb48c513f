package io.apogee.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of equally sized {@link MappedFile}s that together hold one contiguous store address space: file
 * {@code n} starts where file {@code n-1} ends. Appends go to the last file; old files are removed from the front.
 */
public final class MappedFileQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MappedFileQueue.class);

    private final Path dir;
    private final int fileSize;
    /**
     * Oldest first; replaced as a whole under {@link #filesLock}, read without locking. Not under this queue's
     * monitor, which a flush holds while it forces pages to disk (hundreds of ms under load): a roll adding a file
     * must not wait for that.
     */
    private volatile MappedFile[] files = new MappedFile[0];
    private final Object filesLock = new Object();
    private volatile long flushedWhere;
    /** Store offset of the first file {@link #load} found shorter than the file size, -1 when none. */
    private long firstShortFile = -1;
    /** Where new files come from before they are created here; {@code null}: always created here. */
    private volatile NextFileSource nextFiles;

    public MappedFileQueue(Path dir, int fileSize) {
        this.dir = dir;
        this.fileSize = fileSize;
    }

    /**
     * Maps the files already in the directory, all marked as fully written; recovery then sets the real end.
     *
     * @throws IOException when a file cannot be mapped or the files are not contiguous
     */
    public void load() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(dir)) {
            paths = s.filter(p -> p.getFileName().toString().matches("\\d{20}")).sorted().toList();
        }
        for (Path p : paths) {
            boolean isShort = Files.size(p) < fileSize;
            MappedFile f = new MappedFile(p, fileSize);
            if (isShort && firstShortFile < 0) {
                firstShortFile = f.fromOffset();
            }
            MappedFile last = last();
            if (last != null && last.fromOffset() + fileSize != f.fromOffset()) {
                f.close();
                throw new IOException("store files are not contiguous at " + p);
            }
            f.resetPositions(fileSize);
            add(f);
        }
    }

    /**
     * Store offset of the first file {@link #load} found shorter than the file size (cut by something outside the
     * store), or -1 when every file had its size.
     */
    public long firstShortFile() {
        return firstShortFile;
    }

    public int fileSize() {
        return fileSize;
    }

    public Path dir() {
        return dir;
    }

    /** A snapshot of the files, oldest first. */
    public List<MappedFile> files() {
        return List.of(files);
    }

    public boolean isEmpty() {
        return files.length == 0;
    }

    /** The newest file, or {@code null}. */
    public MappedFile last() {
        MappedFile[] snapshot = files;
        return snapshot.length == 0 ? null : snapshot[snapshot.length - 1];
    }

    /** The oldest file, or {@code null}. */
    public MappedFile first() {
        MappedFile[] snapshot = files;
        return snapshot.length == 0 ? null : snapshot[0];
    }

    private void add(MappedFile f) {
        synchronized (filesLock) {
            MappedFile[] next = Arrays.copyOf(files, files.length + 1);
            next[next.length - 1] = f;
            files = next;
        }
    }

    private void remove(MappedFile f) {
        synchronized (filesLock) {
            files = Arrays.stream(files).filter(x -> x != f).toArray(MappedFile[]::new);
        }
    }

    /**
     * The file to append to: the last one if it has room, else a new one after it; for an empty queue a new file
     * containing {@code offsetIfEmpty}. A new file is the {@linkplain #setNextFileSource prepared} one when ready.
     *
     * @throws NoSpaceException when the new file has no room on its disk
     */
    public MappedFile writableFile(long offsetIfEmpty) throws IOException {
        MappedFile last = last();
        if (last == null) {
            return createFile(offsetIfEmpty - offsetIfEmpty % fileSize);
        }
        return last.isFull() ? createFile(last.fromOffset() + fileSize) : last;
    }

    /**
     * Has new files taken from {@code source} when it has them ready (created here when not); {@code null} stops
     * that. Set it once the files are loaded and recovered.
     */
    public void setNextFileSource(NextFileSource source) {
        this.nextFiles = source;
    }

    private MappedFile createFile(long fromOffset) throws IOException {
        NextFileSource source = nextFiles;
        MappedFile f = source == null ? null : source.take(fromOffset);
        if (f == null) {
            Files.createDirectories(dir);
            f = new MappedFile(dir.resolve(MappedFile.fileName(fromOffset)), fileSize);
        }
        add(f);
        if (files.length == 1) {
            flushedWhere = fromOffset;
        }
        return f;
    }

    /** The file holding store offset {@code offset}, or {@code null} when none does. */
    public MappedFile find(long offset) {
        MappedFile[] snapshot = files;
        if (snapshot.length == 0 || offset < snapshot[0].fromOffset()) {
            return null;
        }
        long index = (offset - snapshot[0].fromOffset()) / fileSize;
        return index < snapshot.length ? snapshot[(int) index] : null;
    }

    /** Store offset of the first byte still held, 0 when empty. */
    public long minOffset() {
        MappedFile f = first();
        return f == null ? 0 : f.fromOffset();
    }

    /** Store offset just past the last written byte, 0 when empty. */
    public long maxOffset() {
        MappedFile f = last();
        return f == null ? 0 : f.fromOffset() + f.wrotePosition();
    }

    /** Store offset up to which bytes are known to be on disk. */
    public long flushedWhere() {
        return flushedWhere;
    }

    /**
     * Flushes from {@link #flushedWhere()} on, across files, while each file is flushed to its end.
     *
     * @param leastPages dirty-page minimum per file (0 = flush everything written)
     * @return the new flushed offset
     */
    public synchronized long flush(int leastPages) {
        MappedFile f = find(flushedWhere);
        while (f != null) {
            int position = f.flush(leastPages);
            flushedWhere = f.fromOffset() + position;
            if (position < fileSize) {
                break;
            }
            f = find(flushedWhere);
        }
        return flushedWhere;
    }

    /**
     * Cuts the address space at {@code offset}: files after it are deleted, the file holding it gets its positions
     * set there. Bytes past the cut are left to the caller (recovery zeroes them).
     */
    public synchronized void truncate(long offset) {
        for (MappedFile f : files) {
            if (f.fromOffset() + fileSize <= offset) {
                continue;
            }
            if (f.fromOffset() <= offset) {
                f.resetPositions((int) (offset - f.fromOffset()));
            } else {
                LOG.info("truncating {}: deleting {}", dir, f.path().getFileName());
                remove(f);
                f.destroy();
            }
        }
        flushedWhere = offset;
    }

    /**
     * Marks everything below {@code offset} as on disk and what is written from it on as still to be flushed
     * (recovery: after a crash the bytes past the checkpoint may be in the page cache only).
     */
    public synchronized void setFlushedWhere(long offset) {
        for (MappedFile f : files) {
            if (f.fromOffset() + f.wrotePosition() > offset) {
                f.markUnflushedFrom((int) Math.max(0, offset - f.fromOffset()));
            }
        }
        this.flushedWhere = offset;
    }

    /** Removes and deletes {@code victims}, which must be the oldest files. */
    public void deleteFirst(List<MappedFile> victims) {
        for (MappedFile f : victims) {
            remove(f);
            f.destroy();
        }
        if (!victims.isEmpty()) {
            LOG.info("deleted {} file(s) of {}, first now {}", victims.size(), dir, minOffset());
        }
    }

    /** Closes every file (they stay on disk). */
    public void close() {
        for (MappedFile f : files) {
            f.close();
        }
    }

    /** Deletes every file and the directory. */
    public void destroy() throws IOException {
        MappedFile[] all = files;
        files = new MappedFile[0];
        for (MappedFile f : all) {
            f.destroy();
        }
        Files.deleteIfExists(dir);
    }
}
