package io.apogee.interop.replication;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A master and its slave on this machine, ours against Apache 4.9.7's pair, each server in its own JVM with the same
 * options, in one command: the official 4.9.8 producer's 1 KiB sync sends at 16 and 64 threads for 30 s each (after
 * 30 s of warm-up for a new pair, 5 s otherwise) to a SYNC_MASTER with ASYNC_FLUSH, then to an ASYNC_MASTER while
 * the slave's lag behind it is sampled every 50 ms (how long before the sample the master had reached the offset the
 * slave has reached, from both brokers' runtime info). Prints one RESULT table and asserts nothing: run with
 * {@code mvn -B -ntp verify -Dbenchmarks -pl interop -am -Dtest=ReplicationBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ReplicationBenchmark {

    private static final int[] THREADS = {16, 64};
    /**
     * Warm-up before a pair's first measured load: on two cores the three JVMs and the producer take about half a
     * minute to reach their steady rate (measured: ours from ~1,000 to ~5,000 SYNC_MASTER sends/s at 16 threads).
     */
    private static final long FIRST_WARMUP_MILLIS = 30_000;
    private static final long WARMUP_MILLIS = 5_000;
    private static final long MEASURE_MILLIS = 30_000;
    private static final long LAG_SAMPLE_MILLIS = 50;
    private static final byte[] BODY = new byte[1024];
    private static final String TOPIC = "ReplicaBench";
    /** As BrokerBenchmark's broker JVMs. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

    private record Row(ClusterKind kind, String role, int threads, double sendsPerSecond, double p99Millis,
            Map<String, Long> notOk, ReplicationLag.Summary lag) {
        long notOkCount() {
            return notOk.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One measured load: sends answered SEND_OK, their p99 latency, and the other outcomes by status or error. */
    private record Load(long sendOk, long p99Micros, Map<String, Long> notOk) {
    }

    @Test
    void compareReplicaPairs() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (ClusterKind kind : new ClusterKind[] {ClusterKind.APOGEE, ClusterKind.APACHE}) {
            measure(kind, "SYNC_MASTER", rows);
            measure(kind, "ASYNC_MASTER", rows);
        }
        System.out.println("RESULT replication benchmark (Apache 4.9.8 producer, 1 KiB sync sends, ASYNC_FLUSH, "
                + "master and slave JVMs " + String.join(" ", JVM_OPTIONS.subList(0, 3)) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores)");
        System.out.println("RESULT | broker | role | threads | sends/s | p99 ms | not SEND_OK | lag p50 ms "
                + "| lag p99 ms | lag max ms | lag max KiB |");
        for (Row r : rows) {
            String lag = r.lag() == null ? "- | - | - | -" : String.format("%.1f | %.1f | %.1f | %d",
                    r.lag().p50Millis(), r.lag().p99Millis(), r.lag().maxMillis(), r.lag().maxBytes() / 1024);
            System.out.printf("RESULT | %s | %s | %d | %.0f | %.2f | %d | %s |%n", r.kind(), r.role(), r.threads(),
                    r.sendsPerSecond(), r.p99Millis(), r.notOkCount(), lag);
        }
        rows.stream().filter(r -> r.notOkCount() > 0).forEach(r -> System.out.printf(
                "RESULT not SEND_OK, %s %s %d threads: %s%n", r.kind(), r.role(), r.threads(), r.notOk()));
    }

    private void measure(ClusterKind kind, String role, List<Row> rows) throws Exception {
        try (ReplicaSet set = ReplicaSet.start(ReplicaSet.layout(kind, kind, JVM_OPTIONS)
                .brokerProperty("brokerRole", role).brokerProperty("flushDiskType", "ASYNC_FLUSH")
                .brokerProperty("mappedFileSizeCommitLog", String.valueOf(256 * 1024 * 1024)))) {
            set.createTopic(TOPIC, 8);
            DefaultMQProducer producer = ApacheClients.producer(set.namesrvAddr(), "pg-replica-bench");
            try {
                set.awaitSendOk(producer, TOPIC);
                for (int threads : THREADS) {
                    sendLoad(producer, threads, threads == THREADS[0] ? FIRST_WARMUP_MILLIS : WARMUP_MILLIS);
                    boolean sampleLag = "ASYNC_MASTER".equals(role);
                    try (ReplicationLag lag = sampleLag ? new ReplicationLag(set, LAG_SAMPLE_MILLIS) : null) {
                        Load load = sendLoad(producer, threads, MEASURE_MILLIS);
                        rows.add(new Row(kind, role, threads, load.sendOk() * 1000.0 / MEASURE_MILLIS,
                                load.p99Micros() / 1000.0, load.notOk(), sampleLag ? lag.summary() : null));
                    }
                }
            } finally {
                producer.shutdown();
            }
        }
    }

    /** Sends from {@code threads} threads for {@code millis}; the p99 is that of the SEND_OK answers. */
    private static Load sendLoad(DefaultMQProducer producer, int threads, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        Map<String, Long> notOk = new ConcurrentSkipListMap<>();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        SendStatus status = producer.send(new Message(TOPIC, BODY)).getSendStatus();
                        if (status != SendStatus.SEND_OK) {
                            notOk.merge(status.name(), 1L, Long::sum);
                            continue;
                        }
                    } catch (MQBrokerException e) {
                        notOk.merge("broker code " + e.getResponseCode(), 1L, Long::sum);
                        continue;
                    } catch (Exception e) {
                        notOk.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        continue;
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = (System.nanoTime() - start) / 1000;
                }
                latencies[id] = mine;
                counts[id] = n;
            }, "replica-bench-sender-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        long p99 = total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))];
        return new Load(total, p99, new TreeMap<>(notOk));
    }
}
