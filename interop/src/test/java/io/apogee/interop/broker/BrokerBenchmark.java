package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;

import io.apogee.interop.distribution.ScriptServers;
import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.SyncSendLoad;
import io.apogee.testsupport.ChildProcessServers;
import io.apogee.testsupport.ServerLauncher;
import io.apogee.testsupport.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard load of the official Apache 4.9.8 client against Apache's 4.9.7 broker and ours, each broker (and its
 * NameServer) in its own JVM, in one command: 1 KiB sync sends from 4, 16 and 64 threads ({@code bench.seconds}
 * each, default 30, after 3 s of warm-up, 15 s before the first), a push consumer reading the backlog, 100,000
 * keyed messages sent and received end to end, then the same 64-thread load against a {@code SYNC_FLUSH} broker.
 * Apache runs with the JVM options its {@code bin/runbroker.sh} documents for Java 9+, with the 1 GiB heap of its
 * quick start; ours is started by {@code bin/mqnamesrv} and {@code bin/mqbroker} of the tarball with the launcher's
 * defaults ({@code bench.apogee.javaOpt} adds a {@code JAVA_OPT}, to try settings). Server CPU is the broker
 * process's user + system time; memory is its anonymous RSS ({@code RssAnon}: heap, direct buffers, metaspace,
 * stacks — the memory-mapped store files are page cache, not counted). Prints one {@code RESULT} table and asserts
 * nothing: run with {@code mvn -B -ntp verify -Dbenchmarks -pl interop -am -Dtest=BrokerBenchmark}
 * {@code -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class BrokerBenchmark {

    private static final int[] THREADS = {4, 16, 64};
    /** Warm-up before the first thread count (the broker's and this JVM's client code are cold), then before each. */
    private static final long FIRST_WARMUP_MILLIS = 15_000;
    private static final long WARMUP_MILLIS = 3_000;
    private static final long MEASURE_MILLIS = Long.getLong("bench.seconds", 30) * 1000;
    private static final long CONSUME_MILLIS = 10_000;
    private static final int KEYED_MESSAGES = 100_000;
    private static final int KEYED_THREADS = 16;
    private static final byte[] BODY = new byte[1024];
    /** Apache 4.9.7's {@code runbroker.sh} options for Java 9+, with its quick start's 1 GiB heap. */
    static final List<String> APACHE_JVM = List.of("-server", "-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:G1HeapRegionSize=16m", "-XX:G1ReservePercent=25", "-XX:InitiatingHeapOccupancyPercent=30",
            "-XX:SoftRefLRUPolicyMSPerMB=0", "-XX:-OmitStackTraceInFastThrow", "-XX:+AlwaysPreTouch",
            "-XX:MaxDirectMemorySize=15g", "-XX:-UseLargePages", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

    @TempDir
    Path dir;

    /** What one broker did under the standard load. */
    private static final class Figures {
        final Map<Integer, SyncSendLoad> sends = new LinkedHashMap<>();
        double consumePerSecond;
        double keyedSeconds;
        double cpuPerMillionSends;
        double cpuPerMillionConsumed;
        long idleAnonMib;
        long anonMibAfter;
        SyncSendLoad syncFlush;
        double syncFlushCpuPerMillion;
        long syncFlushAnonMib;
    }

    @Test
    void compareBrokers() throws Exception {
        String javaOpt = System.getProperty("bench.apogee.javaOpt", "");
        Figures apogee = run("apogee", ScriptServers.unpack(Files.createDirectories(dir.resolve("dist")), javaOpt));
        ServerLauncher apacheServers = new ChildProcessServers("org.apache.rocketmq.namesrv.NamesrvStartup",
                "org.apache.rocketmq.broker.BrokerStartup", APACHE_JVM);
        Figures apache = run("apache", apacheServers);
        System.out.printf("RESULT broker benchmark: Apache 4.9.8 client, 1 KiB sync sends, %d s per thread count;"
                + " Apache 4.9.7 broker %s; Apogee broker from bin/mqbroker%s%n", MEASURE_MILLIS / 1000,
                String.join(" ", APACHE_JVM.subList(1, 3)), javaOpt.isBlank() ? "" : " with JAVA_OPT=" + javaOpt);
        System.out.println("RESULT | figure | Apache | Apogee | Apogee / Apache |");
        System.out.println("RESULT |---|---|---|---|");
        for (int threads : THREADS) {
            row("sends/s, " + threads + " threads", apache, apogee, "%.0f", f -> perSecond(f.sends.get(threads)));
        }
        for (int threads : THREADS) {
            row("p99 ms, " + threads + " threads", apache, apogee, "%.2f", f -> f.sends.get(threads).p99Micros() / 1e3);
        }
        row("push consume msgs/s", apache, apogee, "%.0f", f -> f.consumePerSecond);
        row(KEYED_MESSAGES + " keyed messages end to end, s", apache, apogee, "%.2f", f -> f.keyedSeconds);
        row("server CPU s per million sends", apache, apogee, "%.1f", f -> f.cpuPerMillionSends);
        row("server CPU s per million consumed", apache, apogee, "%.1f", f -> f.cpuPerMillionConsumed);
        row("broker anonymous RSS idle, MiB", apache, apogee, "%.0f", f -> f.idleAnonMib);
        row("broker anonymous RSS after the run, MiB", apache, apogee, "%.0f", f -> f.anonMibAfter);
        row("SYNC_FLUSH sends/s, 64 threads", apache, apogee, "%.0f", f -> perSecond(f.syncFlush));
        row("SYNC_FLUSH p99 ms, 64 threads", apache, apogee, "%.2f", f -> f.syncFlush.p99Micros() / 1e3);
        row("SYNC_FLUSH server CPU s per million sends", apache, apogee, "%.1f", f -> f.syncFlushCpuPerMillion);
        row("SYNC_FLUSH broker anonymous RSS after, MiB", apache, apogee, "%.0f", f -> f.syncFlushAnonMib);
    }

    private static void row(String figure, Figures apache, Figures apogee, String format,
            ToDoubleFunction<Figures> value) {
        double a = value.applyAsDouble(apache);
        double b = value.applyAsDouble(apogee);
        System.out.printf("RESULT | %s | " + format + " | " + format + " | %.2f |%n", figure, a, b, b / a);
    }

    private static double perSecond(SyncSendLoad load) {
        return load.sendOk() * 1000.0 / MEASURE_MILLIS;
    }

    private Figures run(String kind, ServerLauncher launcher) throws Exception {
        Figures figures = new Figures();
        String topic = "Bench_" + kind;
        try (TestCluster cluster = cluster(kind, launcher, "ASYNC_FLUSH")) {
            String namesrvAddr = cluster.namesrvAddr();
            long pid = createTopics(cluster, topic, topic + "_keyed");
            figures.idleAnonMib = anonRssMib(pid);
            DefaultMQProducer producer = ApacheClients.producer(namesrvAddr, "bench-pg-" + kind);
            try {
                double cpu = cpuSeconds(pid);
                long sent = 0;
                for (int threads : THREADS) {
                    long warmup = threads == THREADS[0] ? FIRST_WARMUP_MILLIS : WARMUP_MILLIS;
                    SyncSendLoad warm = SyncSendLoad.run(producer, topic, BODY, threads, warmup);
                    SyncSendLoad load = SyncSendLoad.run(producer, topic, BODY, threads, MEASURE_MILLIS);
                    print(kind, threads, load);
                    figures.sends.put(threads, load);
                    sent += warm.sendOk() + load.sendOk();
                }
                figures.cpuPerMillionSends = (cpuSeconds(pid) - cpu) * 1e6 / sent;
                consumeBacklog(namesrvAddr, topic, kind, pid, figures);
                figures.keyedSeconds = keyedEndToEnd(producer, namesrvAddr, topic + "_keyed", kind);
            } finally {
                producer.shutdown();
            }
            figures.anonMibAfter = anonRssMib(pid);
        }
        try (TestCluster cluster = cluster(kind + "_sf", launcher, "SYNC_FLUSH")) {
            long pid = createTopics(cluster, topic);
            DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "bench-pg-sf-" + kind);
            try {
                SyncSendLoad.run(producer, topic, BODY, 64, WARMUP_MILLIS);
                double cpu = cpuSeconds(pid);
                figures.syncFlush = SyncSendLoad.run(producer, topic, BODY, 64, MEASURE_MILLIS);
                figures.syncFlushCpuPerMillion = (cpuSeconds(pid) - cpu) * 1e6 / figures.syncFlush.sendOk();
                print(kind + " SYNC_FLUSH", 64, figures.syncFlush);
            } finally {
                producer.shutdown();
            }
            figures.syncFlushAnonMib = anonRssMib(pid);
        }
        return figures;
    }

    private static TestCluster cluster(String name, ServerLauncher launcher, String flushDiskType) {
        return TestCluster.builder().clusterName("BenchCluster_" + name).brokers("bench-" + name)
                .brokerProperty("mappedFileSizeCommitLog", String.valueOf(256 * 1024 * 1024))
                .brokerProperty("flushDiskType", flushDiskType).launcher(launcher).start();
    }

    /** Creates 8-queue topics on the cluster's one broker and returns the broker's pid. */
    private static long createTopics(TestCluster cluster, String... topics) throws Exception {
        String brokerName = cluster.brokerNames().get(0);
        DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> admin.examineBrokerClusterInfo()
                    .getBrokerAddrTable().containsKey(brokerName));
            for (String topic : topics) {
                admin.createAndUpdateTopicConfig(cluster.brokerAddr(brokerName), new TopicConfig(topic, 8, 8, 6));
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> admin.examineTopicRouteInfo(topic) != null);
            }
        } finally {
            admin.shutdown();
        }
        return cluster.brokerPid(brokerName);
    }

    private static void print(String kind, int threads, SyncSendLoad load) {
        System.out.printf("%s %d threads: %d sends SEND_OK, not SEND_OK %s, p99 %d us%n", kind, threads,
                load.sendOk(), load.notOk(), load.p99Micros());
    }

    /** Messages per second and broker CPU per message of a push consumer reading the backlog, over a fixed window. */
    private static void consumeBacklog(String namesrvAddr, String topic, String kind, long pid, Figures figures)
            throws Exception {
        AtomicLong received = new AtomicLong();
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(namesrvAddr, "bench-cg-" + kind);
        consumer.setConsumeThreadMin(8);
        consumer.setConsumeThreadMax(8);
        consumer.subscribe(topic, "*");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            received.addAndGet(msgs.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> received.get() > 0);
            // Fixed measurement windows, not waits for a condition.
            TimeUnit.SECONDS.sleep(2);
            long from = received.get();
            double cpu = cpuSeconds(pid);
            long start = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(CONSUME_MILLIS);
            long consumed = received.get() - from;
            figures.cpuPerMillionConsumed = (cpuSeconds(pid) - cpu) * 1e6 / consumed;
            figures.consumePerSecond = consumed * 1e9 / (System.nanoTime() - start);
        } finally {
            consumer.shutdown();
        }
    }

    /**
     * Seconds from the first send of {@value #KEYED_MESSAGES} keyed messages ({@value #KEYED_THREADS} threads) until
     * a push consumer subscribed beforehand has received every key.
     */
    private static double keyedEndToEnd(DefaultMQProducer producer, String namesrvAddr, String topic, String kind)
            throws Exception {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(namesrvAddr, "bench-keyed-" + kind);
        consumer.setConsumeThreadMin(8);
        consumer.setConsumeThreadMax(8);
        consumer.subscribe(topic, "*");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            for (MessageExt m : msgs) {
                keys.add(m.getKeys());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            long start = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (int t = 0; t < KEYED_THREADS; t++) {
                int id = t;
                Thread sender = new Thread(() -> {
                    try {
                        for (int i = id; i < KEYED_MESSAGES; i += KEYED_THREADS) {
                            Message m = new Message(topic, "bench", "key-" + i, BODY);
                            producer.send(m);
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "bench-keyed-" + t);
                senders.add(sender);
                sender.start();
            }
            for (Thread sender : senders) {
                sender.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " keyed sends failed", failures.get(0));
            }
            await("all " + KEYED_MESSAGES + " keys received").atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(10)).until(() -> keys.size() == KEYED_MESSAGES);
            return (System.nanoTime() - start) / 1e9;
        } finally {
            consumer.shutdown();
        }
    }

    /** User plus system CPU seconds process {@code pid} has used. */
    private static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).orElseThrow().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    /** Anonymous resident memory of process {@code pid} in MiB ({@code RssAnon} of {@code /proc/<pid>/status}). */
    private static long anonRssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"),
                StandardCharsets.US_ASCII)) {
            if (line.startsWith("RssAnon:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no RssAnon in /proc/" + pid + "/status");
    }
}
