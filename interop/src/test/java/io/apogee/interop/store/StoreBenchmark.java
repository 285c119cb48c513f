package io.apogee.interop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.common.message.MessageExt;
import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.core.LocalMessageStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.MessageExtBrokerInner;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.stats.BrokerStatsManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store throughput, ours against Apache {@code rocketmq-store} 4.9.8 {@code DefaultMessageStore}: 1 KiB messages
 * (tag and one key each) put from 8 threads, ASYNC_FLUSH and SYNC_FLUSH, default file sizes and index settings on
 * both. Each run starts on an empty directory, warms up, then times a fixed number of puts; every put must succeed.
 * Between runs the directory is deleted and {@code sync} writes back all dirty pages. Each mode starts with an
 * untimed quarter-size run of each store (JIT, fresh memory); then the timed runs go Apache, ours, ours, Apache, so
 * drift of the shared disk and CPU (bursting, other builds)
 * weighs on both alike; the summary is the mean of the two runs. Not a timed test: it prints messages/s and
 * payload MB/s.
 */
@Tag("benchmark")
class StoreBenchmark {

    private static final int THREADS = 8;
    private static final int BODY = 1024;
    private static final int WARMUP = 40_000;
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    @TempDir
    Path dir;

    /** One store under test: puts message {@code seq} of thread {@code thread}, returns whether it was PUT_OK. */
    private interface Target extends AutoCloseable {
        boolean put(int thread, long seq);

        @Override
        void close();
    }

    private record Outcome(String name, FlushDiskType mode, long messages, double seconds) {
        double perSecond() {
            return messages / seconds;
        }

        double megabytesPerSecond() {
            return messages * (double) BODY / 1e6 / seconds;
        }
    }

    @Test
    void oursAgainstApache() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (FlushDiskType mode : FlushDiskType.values()) {
            long count = mode == FlushDiskType.ASYNC_FLUSH ? 1_600_000 : 200_000;
            run("apache", mode, count / 4);
            run("apogee", mode, count / 4);
            for (String name : List.of("apache", "apogee", "apogee", "apache")) {
                outcomes.add(run(name, mode, count));
            }
        }
        System.out.printf("%nStore benchmark: %d threads, %d-byte bodies%n", THREADS, BODY);
        System.out.printf("%-8s %-12s %10s %12s %10s%n", "store", "mode", "messages", "msgs/s", "MB/s");
        for (Outcome o : outcomes) {
            System.out.printf("%-8s %-12s %10d %12.0f %10.1f%n", o.name(), o.mode(), o.messages(), o.perSecond(),
                    o.megabytesPerSecond());
        }
        System.out.printf("%nMean of two runs%n%-8s %-12s %12s %10s%n", "store", "mode", "msgs/s", "MB/s");
        for (FlushDiskType mode : FlushDiskType.values()) {
            for (String name : List.of("apache", "apogee")) {
                double rate = outcomes.stream().filter(o -> o.mode() == mode && o.name().equals(name))
                        .mapToDouble(Outcome::perSecond).average().orElseThrow();
                System.out.printf("%-8s %-12s %12.0f %10.1f%n", name, mode, rate, rate * BODY / 1e6);
            }
        }
    }

    private Outcome run(String name, FlushDiskType mode, long count) throws Exception {
        Path root = dir.resolve(name + "-" + mode);
        Target target = name.equals("apache") ? apache(root, mode) : apogee(root, mode);
        try (target) {
            load(target, WARMUP, 0);
            long start = System.nanoTime();
            load(target, count, WARMUP);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Outcome(name, mode, count, seconds);
        } finally {
            deleteTree(root);
            settle();
        }
    }

    /** Drops our unmapped-on-GC mappings and writes back every dirty page, so each run starts on a quiet disk. */
    private static void settle() throws IOException, InterruptedException {
        System.gc();
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("sync failed");
        }
    }

    private static void load(Target target, long count, long firstSeq) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(THREADS);
        AtomicLong failures = new AtomicLong();
        long perThread = count / THREADS;
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            new Thread(() -> {
                for (long i = 0; i < perThread; i++) {
                    if (!target.put(thread, firstSeq + i)) {
                        failures.incrementAndGet();
                    }
                }
                done.countDown();
            }, "bench-" + t).start();
        }
        done.await();
        assertEquals(0, failures.get(), "every put must succeed");
    }

    private static byte[] body(long seq) {
        byte[] body = new byte[BODY];
        body[0] = (byte) seq;
        return body;
    }

    private static Target apogee(Path root, FlushDiskType mode) throws IOException {
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(root.toString());
        config.setFlushDiskType(mode);
        config.validate();
        LocalMessageStore store = new LocalMessageStore(config);
        store.start();
        return new Target() {
            @Override
            public boolean put(int thread, long seq) {
                MessageExt m = new MessageExt();
                m.setTopic("BenchTopic");
                m.setQueueId(thread);
                m.setBody(body(seq));
                m.setTags("TagA");
                m.setKeys("key-" + thread + "-" + seq);
                m.setBornTimestamp(System.currentTimeMillis());
                m.setBornHost(HOST);
                m.setStoreHost(HOST);
                return store.putMessage(m).join().status() == PutMessageStatus.PUT_OK;
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    private static Target apache(Path root, FlushDiskType mode) throws Exception {
        org.apache.rocketmq.store.config.MessageStoreConfig config =
                new org.apache.rocketmq.store.config.MessageStoreConfig();
        config.setStorePathRootDir(root.toString());
        config.setStorePathCommitLog(root.resolve("commitlog").toString());
        config.setFlushDiskType(mode.name());
        DefaultMessageStore store = new DefaultMessageStore(config, new BrokerStatsManager("bench", true),
                (topic, queueId, logicOffset, tagsCode, storeTime, filterBitMap, properties) -> { },
                new BrokerConfig());
        if (!store.load()) {
            throw new IllegalStateException("Apache store did not load");
        }
        store.start();
        return new Target() {
            @Override
            public boolean put(int thread, long seq) {
                MessageExtBrokerInner m = new MessageExtBrokerInner();
                m.setTopic("BenchTopic");
                m.setQueueId(thread);
                m.setBody(body(seq));
                m.setTags("TagA");
                m.setKeys("key-" + thread + "-" + seq);
                m.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode("TagA"));
                m.setPropertiesString(MessageDecoder.messageProperties2String(m.getProperties()));
                m.setBornTimestamp(System.currentTimeMillis());
                m.setBornHost(HOST);
                m.setStoreHost(HOST);
                PutMessageResult r = store.putMessage(m);
                return r.getPutMessageStatus() == org.apache.rocketmq.store.PutMessageStatus.PUT_OK;
            }

            @Override
            public void close() {
                store.shutdown();
                store.destroy();
            }
        };
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
