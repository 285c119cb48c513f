package io.apogee.store.file;

import io.apogee.common.service.ServiceLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a queue's next file before the roll needs it, on its own thread: creates it at its full size and reserves
 * every disk block by writing zeros over it (posix_fallocate's effect, which Java 17 cannot call; a mapping of a
 * sparse file meets a full disk as a SIGBUS, an {@link InternalError}, at the first write to a page without a block).
 * The roll then only takes the prepared file ({@link #take}); when none is ready it creates the file itself, sparse,
 * as without this service, once a statfs has said that the disk has room for all of it. A reservation that finds no
 * room is remembered and the roll refused with a {@link NoSpaceException} naming the file, the bytes needed and the
 * bytes free; it is retried every second until space comes back. Preparation starts once the newest file is half
 * written, so half a file's worth of appends covers it (a queue's first file is created at the roll, sparse: a store
 * that never fills half a file never holds a reserved one).
 *
 * <p>The prepared file carries its final name from the start (a rename would need a directory fsync under the append
 * lock to be durable), so a crash or a failed delete can leave it behind: a full-size file of zeros and holes right
 * after the newest data file. Recovery reads zeros as the end of the log (no record has magic 0), so it deletes such
 * a file with the rest of the tail, or keeps it as the empty file to append to when the file before it is full. A
 * clean shutdown deletes it ({@link #onClose}).
 *
 * <p>Lock discipline: the fields after {@link #handOver} are guarded by this object's monitor; zeros are written
 * outside it. The service claims an offset ({@link #reserving}) under the monitor before touching its file, and
 * {@link #take} records every offset it answered for ({@link #taken}), which the service never claims again: so the
 * queue and this service never both create one file. A roll that asks for the file still being reserved waits, under
 * its append lock, until this thread stops writing zeros (at most one {@link #CHUNK}) and takes it partly reserved,
 * once a statfs has said that the disk has room for the rest.
 */
public final class PreallocateService implements ServiceLoop, NextFileSource {

    private static final Logger LOG = LoggerFactory.getLogger(PreallocateService.class);
    /** Zeros per write; also bounds how long a roll waits for the reservation it interrupts. */
    private static final int CHUNK = 256 * 1024;
    /** Least time between two attempts at a file whose preparation failed. */
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest a roll waits for an interrupted reservation to stop (a disk that stalls writes for this long). */
    private static final long HANDOVER_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Reserves the disk blocks of a new file. */
    @FunctionalInterface
    public interface Reserver {
        /**
         * Reserves the blocks of {@code channel}'s file, already {@code size} bytes long, returning early (the
         * file partly reserved) once {@code stop} answers true.
         *
         * @return how many bytes from the start are reserved
         */
        int reserve(FileChannel channel, int size, BooleanSupplier stop) throws IOException;
    }

    /** Writes zeros over the file in {@link #CHUNK}s: about a second per GiB on a plain disk. */
    public static final Reserver ZEROS = PreallocateService::writeZeros;

    private final MappedFileQueue files;
    private final Reserver reserver;
    private volatile Runnable onTaken = () -> { };
    private volatile boolean closing;
    /** A roll waits for the file being reserved: stop writing zeros and hand it over. */
    private volatile boolean handOver;
    private MappedFile ready;
    /** Bytes of {@link #ready} reserved from its start: less than its size when it was handed over early. */
    private int readyReserved;
    /** Offset of the file being prepared outside the monitor, -1 when none. */
    private long reserving = -1;
    /** Highest offset {@link #take} answered for: the queue holds (or is creating) every file up to it. */
    private long taken = -1;
    private Failure failure;

    /**
     * Why the file at {@code offset} could not be prepared.
     *
     * @param noSpace whether for lack of disk space (the roll is then refused), else the roll creates the file itself
     * @param free    usable bytes on the file's disk when it failed, -1 when unknown
     * @param at      {@link System#nanoTime()} of the failure
     */
    private record Failure(long offset, Path path, boolean noSpace, long needed, long free, long at, String reason) {

        String describe() {
            return noSpace ? "no room to reserve the next commit-log file " + path + ": " + needed + " bytes needed, "
                    + (free < 0 ? "free space unknown" : free + " bytes free")
                    : "cannot prepare " + path + ": " + reason;
        }

        boolean sameAs(Failure other) {
            return other != null && other.offset == offset && other.noSpace == noSpace;
        }
    }

    /**
     * @param files    the queue to prepare files for
     * @param reserver how blocks are reserved, {@link #ZEROS}
     */
    public PreallocateService(MappedFileQueue files, Reserver reserver) {
        this.files = files;
        this.reserver = reserver;
    }

    /** Called after each {@link #take}, so the next file is started at once (the runner's wakeup). */
    public void onTaken(Runnable action) {
        this.onTaken = action;
    }

    @Override
    public String roleName() {
        return "ApogeePreallocate";
    }

    @Override
    public int doWork() {
        MappedFile last = files.last();
        if (last == null || closing || last.wrotePosition() < files.fileSize() / 2) {
            return 0;
        }
        long next = last.fromOffset() + files.fileSize();
        if (!claim(next)) {
            return 0;
        }
        long started = System.nanoTime();
        Path path = files.dir().resolve(MappedFile.fileName(next));
        MappedFile prepared = null;
        int[] reserved = new int[1];
        Failure failed = null;
        try {
            Files.createDirectories(files.dir());
            long free = Files.getFileStore(files.dir()).getUsableSpace();
            if (free < files.fileSize()) {
                failed = new Failure(next, path, true, files.fileSize(), free, started, "");
            } else {
                prepared = create(path, next, reserved);
            }
        } catch (IOException e) {
            failed = failure(next, path, e, started);
        } catch (RuntimeException e) {
            failed = new Failure(next, path, false, files.fileSize(), -1, started, e.toString());
        }
        settle(prepared, reserved[0], failed, started);
        return 1;
    }

    /** Claims {@code next} for this thread, unless it is ready, taken, or failed less than a retry ago. */
    private synchronized boolean claim(long next) {
        if (next <= taken) {
            return false;
        }
        if (ready != null) {
            if (ready.fromOffset() == next) {
                return false;
            }
            LOG.info("dropping the prepared file {}: the queue went on without it", ready);
            ready.destroy();
            ready = null;
        }
        if (failure != null && failure.offset() == next && System.nanoTime() - failure.at() < RETRY_NANOS) {
            return false;
        }
        reserving = next;
        handOver = false;
        return true;
    }

    /**
     * Creates, extends, reserves and maps the file, setting {@code reserved[0]} to the bytes reserved; deletes the
     * file again if any of that fails.
     */
    private MappedFile create(Path path, long fromOffset, int[] reserved) throws IOException {
        int size = files.fileSize();
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean mapped = false;
        try {
            channel.write(ByteBuffer.allocate(1), size - 1);
            reserved[0] = reserver.reserve(channel, size, () -> handOver || closing);
            channel.close();
            MappedFile f = new MappedFile(path, fromOffset, size);
            mapped = true;
            return f;
        } finally {
            if (!mapped) {
                channel.close();
                Files.deleteIfExists(path);
            }
        }
    }

    private Failure failure(long offset, Path path, IOException e, long at) {
        long free;
        try {
            free = Files.getFileStore(files.dir()).getUsableSpace();
        } catch (IOException unknown) {
            free = -1;
        }
        String message = String.valueOf(e.getMessage());
        boolean noSpace = e instanceof NoSpaceException || (free >= 0 && free < files.fileSize())
                || message.contains("No space left") || message.contains("quota");
        return new Failure(offset, path, noSpace, files.fileSize(), free, at, e.toString());
    }

    /** Publishes what this step prepared (or why not) and wakes a roll waiting for it. */
    private void settle(MappedFile prepared, int reserved, Failure failed, long started) {
        boolean discard;
        boolean handedOver;
        Failure previous;
        synchronized (this) {
            reserving = -1;
            handedOver = handOver;
            discard = prepared != null && closing;
            previous = failure;
            if (prepared != null && !discard) {
                ready = prepared;
                readyReserved = reserved;
                failure = null;
            } else if (failed != null) {
                failure = failed;
            }
            notifyAll();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (discard) {
            prepared.destroy();
        } else if (prepared != null && handedOver) {
            LOG.info("{} handed to the roll after {} ms, before all its blocks were reserved", prepared, millis);
        } else if (prepared != null) {
            if (previous != null && previous.offset() == prepared.fromOffset()) {
                LOG.info("{} prepared after all: {}", prepared, previous.noSpace() ? "space is back" : "retried");
            }
            LOG.debug("{} prepared in {} ms", prepared, millis);
        } else if (failed != null) {
            logFailure(failed, previous);
        }
    }

    private static void logFailure(Failure failed, Failure previous) {
        if (!failed.sameAs(previous)) {
            LOG.warn("{}; {}, retried every {} ms", failed.describe(), failed.noSpace()
                    ? "appends that need it are refused with DISK_FULL" : "the roll creates it itself",
                    TimeUnit.NANOSECONDS.toMillis(RETRY_NANOS));
        }
    }

    /**
     * The prepared file at {@code fromOffset}, if ready; waits for one being reserved to stop (see the class comment).
     * When none is ready, the queue creates the file sparse, so this checks first (one statfs) that its disk has room
     * for the whole file, as the reservation would have. Runs under the queue owner's append lock.
     */
    @Override
    public synchronized MappedFile take(long fromOffset) throws IOException {
        if (reserving == fromOffset) {
            awaitHandOver(fromOffset);
        }
        MappedFile f = null;
        if (ready != null && ready.fromOffset() == fromOffset) {
            if (readyReserved < files.fileSize()) {
                checkRoom(fromOffset, files.fileSize() - readyReserved);
                if (noSpaceAt(fromOffset)) {
                    throw new NoSpaceException(failure.describe());
                }
            }
            f = ready;
            ready = null;
            failure = null;
        } else {
            if (!noSpaceAt(fromOffset)) {
                checkRoom(fromOffset, files.fileSize());
            }
            if (noSpaceAt(fromOffset)) {
                throw new NoSpaceException(failure.describe());
            }
        }
        taken = Math.max(taken, fromOffset);
        onTaken.run();
        return f;
    }

    private boolean noSpaceAt(long fromOffset) {
        return failure != null && failure.offset() == fromOffset && failure.noSpace();
    }

    /**
     * Holding the monitor: records a lack of room for the {@code needed} bytes not reserved of a file the queue is
     * about to use (all of one it creates sparse, the rest of one handed over partly reserved).
     */
    private void checkRoom(long fromOffset, long needed) {
        long free;
        try {
            free = Files.getFileStore(files.dir()).getUsableSpace();
        } catch (IOException e) {
            return; // no directory yet (the queue creates it), or no file system to ask: the queue finds out
        }
        if (free < needed) {
            Failure failed = new Failure(fromOffset, files.dir().resolve(MappedFile.fileName(fromOffset)), true,
                    needed, free, System.nanoTime(), "");
            logFailure(failed, failure);
            failure = failed;
        }
    }

    /** Holding the monitor: has the reservation of {@code fromOffset} stop and waits until it has. */
    private void awaitHandOver(long fromOffset) throws IOException {
        handOver = true;
        long deadline = System.nanoTime() + HANDOVER_NANOS;
        boolean interrupted = false;
        try {
            while (reserving == fromOffset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the commit-log file at " + fromOffset + " is still being prepared after "
                            + TimeUnit.NANOSECONDS.toMillis(HANDOVER_NANOS) + " ms");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Start offset of the file prepared and not yet taken, -1 when none. */
    public synchronized long readyOffset() {
        return ready == null ? -1 : ready.fromOffset();
    }

    /** Why the next file has no room, while that refuses the roll. */
    public synchronized Optional<String> noSpace() {
        return failure != null && failure.noSpace() ? Optional.of(failure.describe()) : Optional.empty();
    }

    /** Makes a reservation in progress stop at its next chunk; call before closing the runner. */
    public void shutdown() {
        closing = true;
    }

    /** Deletes the prepared file nobody took. */
    @Override
    public void onClose() {
        MappedFile leftover;
        synchronized (this) {
            leftover = ready;
            ready = null;
        }
        if (leftover != null) {
            leftover.destroy();
            LOG.debug("deleted the unused prepared file {}", leftover);
        }
    }

    private static int writeZeros(FileChannel channel, int size, BooleanSupplier stop) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(Math.min(size, CHUNK));
        long position = 0;
        while (position < size && !stop.getAsBoolean()) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - position));
            while (zeros.hasRemaining()) {
                position += channel.write(zeros, position);
            }
        }
        return (int) position;
    }
}
