package io.apogee.interop.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A broker's commit log as files on disk ({@code <store>/commitlog}, each named by its 20-digit start offset, as
 * RocketMQ and Apogee both lay it out), compared byte for byte. Reading a file that a running broker has mapped reads
 * the same page cache it writes, so a broker may still run as long as it writes nothing meanwhile.
 */
final class CommitLogFiles {

    private static final int CHUNK = 1 << 20;

    private CommitLogFiles() {
    }

    /**
     * Asserts that {@code copy}'s commit log holds exactly {@code original}'s bytes from offset {@code from} up to
     * {@code end} (the original's max offset): same file names, same bytes, offset by offset.
     */
    static void assertIdentical(Path original, Path copy, long from, long end) throws IOException {
        assertTrue(end > from, "nothing to compare: " + from + " to " + end);
        List<Path> files = files(original);
        assertTrue(!files.isEmpty(), "no commit-log files in " + original);
        long compared = 0;
        for (Path file : files) {
            long start = Long.parseLong(file.getFileName().toString());
            long size = Files.size(file);
            long lo = Math.max(from, start);
            long hi = Math.min(end, start + size);
            if (lo >= hi) {
                continue;
            }
            Path twin = copy.resolve("commitlog").resolve(file.getFileName());
            assertTrue(Files.exists(twin), "the copy has no commit-log file " + twin.getFileName() + " (it has "
                    + names(copy) + ")");
            compareRange(file, twin, lo - start, hi - lo, start);
            compared += hi - lo;
        }
        assertEquals(end - from, compared, "bytes compared from " + from + " to " + end + " (files " + names(original)
                + ")");
    }

    /** The commit-log files of {@code store}, lowest offset first. */
    static List<Path> files(Path store) throws IOException {
        Path dir = store.resolve("commitlog");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(p -> p.getFileName().toString().matches("\\d{20}")).sorted().toList();
        }
    }

    private static List<String> names(Path store) throws IOException {
        return files(store).stream().map(p -> p.getFileName().toString()).toList();
    }

    private static void compareRange(Path a, Path b, long position, long length, long fileStart) throws IOException {
        try (FileChannel left = FileChannel.open(a, StandardOpenOption.READ);
                FileChannel right = FileChannel.open(b, StandardOpenOption.READ)) {
            ByteBuffer l = ByteBuffer.allocate(CHUNK);
            ByteBuffer r = ByteBuffer.allocate(CHUNK);
            for (long done = 0; done < length; ) {
                int n = (int) Math.min(CHUNK, length - done);
                read(left, l, position + done, n);
                read(right, r, position + done, n);
                int at = Arrays.mismatch(l.array(), 0, n, r.array(), 0, n);
                if (at >= 0) {
                    fail("commit logs differ at offset " + (fileStart + position + done + at) + " (file "
                            + a.getFileName() + "): " + (l.array()[at] & 0xff) + " vs " + (r.array()[at] & 0xff));
                }
                done += n;
            }
        }
    }

    private static void read(FileChannel channel, ByteBuffer buffer, long position, int n) throws IOException {
        buffer.clear().limit(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                fail("commit-log file ends before offset " + (position + buffer.position()) + " of its own");
            }
        }
    }
}
