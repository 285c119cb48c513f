package io.apogee.interop.replication;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.interop.fixture.SyncSendLoad;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
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
    /** Every broker's JVM, ours and Apache's alike: a 1 GiB heap. */
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
                    SyncSendLoad.run(producer, TOPIC, BODY, threads, threads == THREADS[0] ? FIRST_WARMUP_MILLIS : WARMUP_MILLIS);
                    boolean sampleLag = "ASYNC_MASTER".equals(role);
                    try (ReplicationLag lag = sampleLag ? new ReplicationLag(set, LAG_SAMPLE_MILLIS) : null) {
                        SyncSendLoad load = SyncSendLoad.run(producer, TOPIC, BODY, threads, MEASURE_MILLIS);
                        rows.add(new Row(kind, role, threads, load.sendOk() * 1000.0 / MEASURE_MILLIS,
                                load.p99Micros() / 1000.0, load.notOk(), sampleLag ? lag.summary() : null));
                    }
                }
            } finally {
                producer.shutdown();
            }
        }
    }
}
