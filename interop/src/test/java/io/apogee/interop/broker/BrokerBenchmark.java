package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.SyncSendLoad;
import io.apogee.testsupport.ChildProcessServers;
import io.apogee.testsupport.ServerLauncher;
import io.apogee.testsupport.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The official Apache 4.9.8 producer (1 KiB sync sends, 4 / 16 / 64 threads) and push consumer against our broker and
 * against Apache's 4.9.7 broker, each in its own JVM with the same options (and its own NameServer in another), in
 * one command: sends/s, p99 latency, consumes/s and broker RSS. It prints RESULT lines and asserts nothing: run with
 * {@code mvn -B -ntp verify -Dbenchmarks -pl interop -am -Dtest=BrokerBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class BrokerBenchmark {

    private static final int[] THREADS = {4, 16, 64};
    private static final long WARMUP_MILLIS = 3_000;
    private static final long MEASURE_MILLIS = 10_000;
    private static final byte[] BODY = new byte[1024];
    /** JVM options of both brokers' (and NameServers') JVMs. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

    private record Row(String broker, int threads, double sendsPerSecond, double p99Millis) {
    }

    @Test
    void compareBrokers() throws Exception {
        List<Row> rows = new ArrayList<>();
        Map<String, Double> consumeRates = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        run("apogee", ChildProcessServers.apogee(JVM_OPTIONS), rows, consumeRates, rss);
        run("apache", new ChildProcessServers("org.apache.rocketmq.namesrv.NamesrvStartup",
                "org.apache.rocketmq.broker.BrokerStartup", JVM_OPTIONS), rows, consumeRates, rss);
        System.out.println("RESULT broker benchmark (Apache 4.9.8 client, 1 KiB sync sends, broker JVM "
                + String.join(" ", JVM_OPTIONS.subList(0, 3)) + ")");
        System.out.println("RESULT | broker | threads | sends/s | p99 ms |");
        rows.forEach(r -> System.out.printf("RESULT | %s | %d | %.0f | %.2f |%n", r.broker(), r.threads(),
                r.sendsPerSecond(), r.p99Millis()));
        consumeRates.forEach((k, v) -> System.out.printf("RESULT consume/s %s: %.0f%n", k, v));
        rss.forEach((k, v) -> System.out.printf("RESULT broker RSS %s: %d MiB%n", k, v));
    }

    private void run(String kind, ServerLauncher launcher, List<Row> rows, Map<String, Double> consumeRates,
            Map<String, Long> rss) throws Exception {
        String brokerName = "bench-" + kind;
        String topic = "Bench_" + kind;
        try (TestCluster cluster = TestCluster.builder().clusterName("BenchCluster_" + kind).brokers(brokerName)
                .brokerProperty("mappedFileSizeCommitLog", String.valueOf(256 * 1024 * 1024))
                .launcher(launcher).start()) {
            String namesrvAddr = cluster.namesrvAddr();
            DefaultMQAdminExt admin = ApacheClients.admin(namesrvAddr);
            try {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> admin.examineBrokerClusterInfo()
                        .getBrokerAddrTable().containsKey(brokerName));
                admin.createAndUpdateTopicConfig(cluster.brokerAddr(brokerName), new TopicConfig(topic, 8, 8, 6));
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> admin.examineTopicRouteInfo(topic) != null);
            } finally {
                admin.shutdown();
            }
            long pid = cluster.brokerPid(brokerName);
            rss.put(kind + " idle", rssMib(pid));
            DefaultMQProducer producer = ApacheClients.producer(namesrvAddr, "bench-pg-" + kind);
            try {
                for (int threads : THREADS) {
                    SyncSendLoad.run(producer, topic, BODY, threads, WARMUP_MILLIS);
                    SyncSendLoad load = SyncSendLoad.run(producer, topic, BODY, threads, MEASURE_MILLIS);
                    System.out.printf("%s %d threads: %d sends SEND_OK, not SEND_OK %s, p99 %d us%n", topic, threads,
                            load.sendOk(), load.notOk(), load.p99Micros());
                    rows.add(new Row(kind, threads, load.sendOk() * 1000.0 / MEASURE_MILLIS,
                            load.p99Micros() / 1000.0));
                }
            } finally {
                producer.shutdown();
            }
            rss.put(kind + " after sends", rssMib(pid));
            consumeRates.put(kind, consumeRate(namesrvAddr, topic, kind));
            rss.put(kind + " after consuming", rssMib(pid));
        }
    }

    /** Resident set size of process {@code pid} in MiB, from {@code /proc}. */
    private static long rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** Messages per second a push consumer receives from the backlog, over a 10 s window after 2 s of warm-up. */
    private static double consumeRate(String namesrvAddr, String topic, String kind) throws Exception {
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
            long start = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(MEASURE_MILLIS);
            return (received.get() - from) * 1e9 / (System.nanoTime() - start);
        } finally {
            consumer.shutdown();
        }
    }
}
