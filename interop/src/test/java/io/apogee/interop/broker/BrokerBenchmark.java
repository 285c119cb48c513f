package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.FreePorts;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvController;
import io.apogee.remoting.netty.NettyServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The official Apache 4.9.8 producer (1 KiB sync sends, 4 / 16 / 64 threads) and push consumer against our broker and
 * against Apache's 4.9.7 broker, each in its own JVM with the same options, in one command: sends/s, p99 latency,
 * consumes/s and broker RSS. Not a test: run with
 * {@code mvn -B -ntp verify -Dbenchmarks -pl interop -am -Dtest=BrokerBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class BrokerBenchmark {

    private static final int[] THREADS = {4, 16, 64};
    private static final long WARMUP_MILLIS = 3_000;
    private static final long MEASURE_MILLIS = 10_000;
    private static final byte[] BODY = new byte[1024];

    private record Row(String broker, int threads, double sendsPerSecond, double p99Millis) {
    }

    @Test
    void compareBrokers() throws Exception {
        Path home = Files.createTempDirectory("broker-bench-");
        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setListenPort(FreePorts.any());
        NamesrvController namesrv = new NamesrvController(new NamesrvConfig()
                .kvConfigPath(home.resolve("ns/kv.json")).configStorePath(home.resolve("ns/ns.properties")),
                serverConfig);
        namesrv.start();
        String namesrvAddr = "127.0.0.1:" + namesrv.listenPort();
        List<Row> rows = new ArrayList<>();
        Map<String, Double> consumeRates = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        try {
            for (String kind : List.of("apogee", "apache")) {
                run(kind, home.resolve(kind), namesrvAddr, rows, consumeRates, rss);
            }
        } finally {
            namesrv.shutdown();
        }
        System.out.println("RESULT broker benchmark (Apache 4.9.8 client, 1 KiB sync sends, broker JVM "
                + String.join(" ", ChildBroker.JVM_OPTIONS.subList(0, 3)) + ")");
        System.out.println("RESULT | broker | threads | sends/s | p99 ms |");
        rows.forEach(r -> System.out.printf("RESULT | %s | %d | %.0f | %.2f |%n", r.broker(), r.threads(),
                r.sendsPerSecond(), r.p99Millis()));
        consumeRates.forEach((k, v) -> System.out.printf("RESULT consume/s %s: %.0f%n", k, v));
        rss.forEach((k, v) -> System.out.printf("RESULT broker RSS %s: %d MiB%n", k, v));
        assertTrue(rows.stream().allMatch(r -> r.sendsPerSecond() > 0));
    }

    private void run(String kind, Path home, String namesrvAddr, List<Row> rows, Map<String, Double> consumeRates,
            Map<String, Long> rss) throws Exception {
        int port = FreePorts.forBroker();
        String brokerName = "bench-" + kind;
        String topic = "Bench_" + kind;
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("brokerClusterName", "BenchCluster_" + kind);
        conf.put("brokerName", brokerName);
        conf.put("namesrvAddr", namesrvAddr);
        conf.put("brokerIP1", "127.0.0.1");
        conf.put("listenPort", String.valueOf(port));
        conf.put("storePathRootDir", home.resolve("store").toString());
        conf.put("storePathCommitLog", home.resolve("store/commitlog").toString());
        conf.put("mappedFileSizeCommitLog", String.valueOf(256 * 1024 * 1024));
        String main = kind.equals("apogee") ? "io.apogee.broker.BrokerStartup"
                : "org.apache.rocketmq.broker.BrokerStartup";
        try (ChildBroker broker = ChildBroker.start(main, home, conf)) {
            DefaultMQAdminExt admin = ApacheClients.admin(namesrvAddr);
            try {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> admin.examineBrokerClusterInfo()
                        .getBrokerAddrTable().containsKey(brokerName));
                admin.createAndUpdateTopicConfig("127.0.0.1:" + port, new TopicConfig(topic, 8, 8, 6));
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> admin.examineTopicRouteInfo(topic) != null);
            } finally {
                admin.shutdown();
            }
            rss.put(kind + " idle", broker.rssMib());
            DefaultMQProducer producer = ApacheClients.producer(namesrvAddr, "bench-pg-" + kind);
            try {
                for (int threads : THREADS) {
                    sendLoad(producer, topic, threads, WARMUP_MILLIS);
                    long[] stats = sendLoad(producer, topic, threads, MEASURE_MILLIS);
                    rows.add(new Row(kind, threads, stats[0] * 1000.0 / MEASURE_MILLIS, stats[1] / 1000.0));
                }
            } finally {
                producer.shutdown();
            }
            rss.put(kind + " after sends", broker.rssMib());
            consumeRates.put(kind, consumeRate(namesrvAddr, topic, kind));
            rss.put(kind + " after consuming", broker.rssMib());
        }
    }

    /** Sends from {@code threads} threads for {@code millis}; returns {count, p99 micros}. */
    private static long[] sendLoad(DefaultMQProducer producer, String topic, int threads, long millis)
            throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicLong failures = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        if (producer.send(new Message(topic, BODY)).getSendStatus() != SendStatus.SEND_OK) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        continue;
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = (System.nanoTime() - start) / 1000;
                }
                latencies[id] = mine;
                counts[id] = n;
            }, "bench-sender-" + t);
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
        System.out.printf("%s %d threads: %d sends, %d failures, p99 %d us%n", topic, threads, total,
                failures.get(), p99);
        return new long[] {total, p99};
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
