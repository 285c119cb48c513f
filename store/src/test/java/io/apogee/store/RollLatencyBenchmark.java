package io.apogee.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.service.ServiceRunner;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.file.MappedFile;
import io.apogee.store.file.MappedFileQueue;
import io.apogee.store.file.NextFileSource;
import io.apogee.store.file.PreallocateService;
import io.apogee.store.file.PrefaultService;
import io.apogee.store.flush.AsyncFlushService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Append latency across commit-log rolls: one thread appends 1 KiB messages through {@link CommitLog} (with the
 * store's asynchronous flush and prefault loops running) until {@code -Dbench.rolls} (4) files of
 * {@code -Dbench.fileMiB} (256) MiB are filled, and each append is timed. Three ways to get the next file:
 * <ul>
 *   <li>{@code sparse}: created at the roll, sparse ({@code warmMapedFileEnable=false});</li>
 *   <li>{@code reserve-at-roll}: created at the roll with every block reserved by zeros, under the append lock (the
 *   reverted commit 428425e);</li>
 *   <li>{@code reserve-ahead}: prepared with its blocks reserved by {@link PreallocateService} ({@code warmMapedFileEnable=true}).</li>
 * </ul>
 * After an untimed warm-up, {@code -Dbench.rounds} (2) rounds run the three ways in turn. Prints, per run, the worst
 * append, each append that rolled, how many rolls found the prepared file ready, the 99.9th percentile and appends
 * per second. Between runs the directory is deleted and {@code sync} writes back every dirty page.
 */
@Tag("benchmark")
class RollLatencyBenchmark {

    private static final int BODY = 1024;
    private static final int FILE_SIZE = Integer.getInteger("bench.fileMiB", 256) * 1024 * 1024;
    private static final int ROLLS = Integer.getInteger("bench.rolls", 4);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    private static final List<String> WAYS = List.of("sparse", "reserve-at-roll", "reserve-ahead");

    @TempDir
    Path dir;

    private record Outcome(String way, long appends, double seconds, long worstNanos, List<Long> rollNanos,
            long p999Nanos, int readyAtRoll) {
    }

    @Test
    void appendLatencyAcrossRolls() throws Exception {
        run("sparse", 1);
        List<Outcome> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String way : WAYS) {
                outcomes.add(run(way, ROLLS));
            }
        }
        System.out.printf("%nRoll latency: %d MiB commit-log files, %d rolls, %d-byte bodies, one appending thread%n",
                FILE_SIZE >> 20, ROLLS, BODY);
        System.out.printf("%-16s %9s %10s %10s %12s  %s%n", "next file", "appends", "worst ms", "p99.9 us",
                "appends/s", "each roll ms (ready at the roll)");
        for (Outcome o : outcomes) {
            StringBuilder rolls = new StringBuilder();
            o.rollNanos().forEach(n -> rolls.append(String.format(" %.2f", n / 1e6)));
            System.out.printf("%-16s %9d %10.2f %10.1f %12.0f %s%s%n", o.way(), o.appends(), o.worstNanos() / 1e6,
                    o.p999Nanos() / 1e3, o.appends() / o.seconds(), rolls,
                    o.way().equals("reserve-ahead") ? " (" + o.readyAtRoll() + " of " + o.rollNanos().size() + ")"
                    : "");
            assertTrue(o.rollNanos().size() >= ROLLS, o.way() + " rolled " + o.rollNanos().size() + " times");
        }
        System.out.printf("%nWorst append that rolled, mean over rounds%n");
        for (String way : WAYS) {
            double worstRoll = outcomes.stream().filter(o -> o.way().equals(way))
                    .mapToLong(o -> o.rollNanos().stream().mapToLong(Long::longValue).max().orElse(0))
                    .average().orElseThrow();
            double worst = outcomes.stream().filter(o -> o.way().equals(way)).mapToLong(Outcome::worstNanos)
                    .average().orElseThrow();
            System.out.printf("%-16s roll %8.2f ms, any append %8.2f ms%n", way, worstRoll / 1e6, worst / 1e6);
        }
    }

    private Outcome run(String way, int rolls) throws Exception {
        Path root = dir.resolve(way);
        MessageStoreConfig config = StoreFixture.config(root);
        config.setMappedFileSizeCommitLog(FILE_SIZE);
        config.setMaxMessageSize(4 * 1024 * 1024);
        config.validate();
        MappedFileQueue files = new MappedFileQueue(config.commitLogDir(), FILE_SIZE);
        CommitLog log = new CommitLog(files, config.getMaxMessageSize());
        List<ServiceRunner> runners = new ArrayList<>();
        runners.add(new ServiceRunner(new AsyncFlushService(log, config), config.getFlushIntervalCommitLog(),
                TimeUnit.MILLISECONDS));
        runners.add(new ServiceRunner(new PrefaultService(files, config.getCommitLogPrefaultAhead()), 1,
                TimeUnit.MILLISECONDS));
        PreallocateService preallocate = null;
        int[] ready = new int[1];
        switch (way) {
            case "reserve-at-roll" -> files.setNextFileSource(reserveAtRoll(files));
            case "reserve-ahead" -> {
                PreallocateService service = new PreallocateService(files, PreallocateService.ZEROS);
                ServiceRunner runner = new ServiceRunner(service, 100, TimeUnit.MILLISECONDS);
                service.onTaken(runner::wakeup);
                files.setNextFileSource(fromOffset -> {
                    ready[0] += service.readyOffset() == fromOffset ? 1 : 0;
                    return service.take(fromOffset);
                });
                runners.add(runner);
                preallocate = service;
            }
            default -> { }
        }
        runners.forEach(ServiceRunner::start);
        try {
            Outcome o = load(way, log, rolls);
            return new Outcome(o.way(), o.appends(), o.seconds(), o.worstNanos(), o.rollNanos(), o.p999Nanos(),
                    ready[0]);
        } finally {
            if (preallocate != null) {
                preallocate.shutdown();
            }
            for (int i = runners.size() - 1; i >= 0; i--) {
                runners.get(i).close();
            }
            files.close();
            deleteTree(root);
            settle();
        }
    }

    private static Outcome load(String way, CommitLog log, int rollsWanted) {
        long end = (long) FILE_SIZE * rollsWanted + FILE_SIZE / 4;
        long[] nanos = new long[(int) (end / (BODY + 100)) + 1];
        int n = 0;
        List<Long> rolls = new ArrayList<>();
        long currentFile = 0;
        byte[] body = new byte[BODY];
        long started = System.nanoTime();
        while (log.maxOffset() < end && n < nanos.length) {
            body[0] = (byte) n;
            var message = StoreFixture.message("Roll", n & 7, body, null, null);
            long t0 = System.nanoTime();
            PutMessageResult r = log.appendBatch(List.of(message));
            long took = System.nanoTime() - t0;
            if (!r.isOk()) {
                throw new IllegalStateException(way + ": append " + n + " failed: " + r.status());
            }
            nanos[n++] = took;
            long file = r.wroteOffset() / FILE_SIZE;
            if (file != currentFile) {
                currentFile = file;
                rolls.add(took);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new Outcome(way, n, seconds, sorted[n - 1], rolls, sorted[(int) (n * 0.999)], 0);
    }

    /** The reverted behaviour: the roll itself creates the file and writes zeros over it, under the append lock. */
    private static NextFileSource reserveAtRoll(MappedFileQueue files) {
        return fromOffset -> {
            Files.createDirectories(files.dir());
            Path path = files.dir().resolve(MappedFile.fileName(fromOffset));
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate(1), files.fileSize() - 1);
                PreallocateService.ZEROS.reserve(channel, files.fileSize(), () -> false);
            }
            return new MappedFile(path, fromOffset, files.fileSize());
        };
    }

    /** Drops the unmapped-on-GC mappings and writes back every dirty page, so each way starts on a quiet disk. */
    private static void settle() throws IOException, InterruptedException {
        System.gc();
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("sync failed");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
