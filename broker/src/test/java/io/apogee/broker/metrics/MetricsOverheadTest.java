package io.apogee.broker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.BrokerController;
import io.apogee.broker.config.BrokerConfigs;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.CreateTopicRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * What metrics cost a broker: sends per second with {@code metricsExporterType=DISABLE} and with {@code PROM}, in
 * the same run. Two brokers run side by side in this JVM, each with its own store, and are loaded at the same time:
 * {@value #THREADS} client threads send 1 KiB messages synchronously to each, in {@value #ROUNDS} windows of
 * {@value #WINDOW_MILLIS} ms (whose threads start first alternates), so that whatever drifts — the machine's load, a
 * collection of the shared heap, the compiled code both share — falls on both at the same moment, and a broker that
 * spends more CPU per send gets fewer of the machine's sends (loading one broker at a time, in alternating windows,
 * left whole quiet runs up to 6.4 % apart). Quiet runs of this version: on/off 98.3, 99.4 and 95.2 %, and 97.5 % with
 * both brokers metrics-off: the method's own noise is still about the size of the target, and the first windows
 * still ramp up after the warm-up. The stores live in memory
 * ({@code /dev/shm} when there is one) in commit-log files larger than the run, so that neither disk write-back nor a
 * file roll lands on one broker. The metrics broker is scraped every {@value #SCRAPE_EVERY_ROUNDS}th window, about
 * every 8 s: twice as often as the shipped {@code prometheus.yml}'s 15 s. {@code -Dbench.metrics.onExporter=DISABLE}
 * runs both brokers without metrics, to see the method's own noise. Prints a {@code RESULT} line.
 *
 * <p>Tagged {@code benchmark} (run it with {@code -Dbenchmarks -Dtest=MetricsOverheadTest}); it asserts the target,
 * metrics on within 3 % of off.
 */
@Tag("benchmark")
class MetricsOverheadTest {

    private static final int THREADS = 8;
    private static final long WARMUP_MILLIS = 12_000;
    private static final long WINDOW_MILLIS = 2_000;
    private static final int ROUNDS = 30;
    private static final int SCRAPE_EVERY_ROUNDS = 4;
    private static final int OFF = 0;
    private static final int ON = 1;
    private static final String ON_EXPORTER = System.getProperty("bench.metrics.onExporter", "PROM");
    private static final String TOPIC = "MetricsBenchTopic";
    private static final byte[] BODY = new byte[1024];

    @TempDir(factory = InMemory.class)
    Path dir;

    /** Temp dirs in {@code /dev/shm} (memory) when it can be written, else in the default temp dir. */
    static final class InMemory implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
                throws IOException {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "metrics-bench")
                    : Files.createTempDirectory("metrics-bench");
        }
    }

    @Test
    void sendsPerSecondWithMetricsStayWithinTheNoiseOfSendsWithout() throws Exception {
        ResourceLeakDetector.Level leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        BrokerController off = start("off", "DISABLE");
        BrokerController on = start("on", ON_EXPORTER);
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig(), null);
        client.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            List<BrokerController> brokers = List.of(off, on);
            for (BrokerController b : brokers) {
                assertEquals(ResponseCode.SUCCESS, client.invokeSync(b.brokerAddr(), createTopic(), 5000).code());
            }
            // Both brokers share this JVM's compiled code: warm them up together, as they are measured.
            run(client, brokers, WARMUP_MILLIS, 0, () -> scrape(http, on.metricsUrl()));
            double[][] rates = new double[2][ROUNDS];
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                Runnable meanwhile = round % SCRAPE_EVERY_ROUNDS == 0 ? () -> scrape(http, on.metricsUrl())
                        : () -> { };
                long started = System.nanoTime();
                long[] sends = run(client, brokers, WINDOW_MILLIS, round % 2, meanwhile);
                long elapsed = System.nanoTime() - started;
                for (int which = OFF; which <= ON; which++) {
                    rates[which][round] = sends[which] * 1e9 / elapsed;
                }
                ratios[round] = rates[ON][round] / rates[OFF][round];
            }
            double offRate = Arrays.stream(rates[OFF]).average().orElseThrow();
            double onRate = Arrays.stream(rates[ON]).average().orElseThrow();
            System.out.printf("RESULT broker sync 1 KiB sends/s, %d client threads per broker, both loaded at once in %d"
                    + " %d s windows: metrics off %.0f (%.0f..%.0f), metrics on (%s, scraped every ~8 s) %.0f"
                    + " (%.0f..%.0f),"
                    + " on/off %.1f %%, median of the rounds' on/off %.1f %%%n", THREADS, ROUNDS,
                    WINDOW_MILLIS / 1000, offRate, min(rates[OFF]), max(rates[OFF]), ON_EXPORTER, onRate,
                    min(rates[ON]),
                    max(rates[ON]), 100 * onRate / offRate, 100 * median(ratios));
            System.out.printf("windows (sends/s, round by round): off %s, on %s%n", rounded(rates[OFF]),
                    rounded(rates[ON]));
            assertTrue(onRate >= 0.97 * offRate, "metrics on " + onRate + " sends/s vs off " + offRate);
        } finally {
            client.shutdown();
            on.shutdown();
            off.shutdown();
            ResourceLeakDetector.setLevel(leakLevel);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String rounded(double[] values) {
        return Arrays.toString(Arrays.stream(values).mapToLong(Math::round).toArray());
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private BrokerController start(String name, String exporter) throws Exception {
        Properties p = new Properties();
        p.setProperty("brokerName", "broker-" + name);
        p.setProperty("brokerClusterName", "BenchCluster");
        p.setProperty("namesrvAddr", "");
        p.setProperty("brokerIP1", "127.0.0.1");
        p.setProperty("listenPort", "0");
        p.setProperty("storePathRootDir", dir.resolve(name).toString());
        p.setProperty("mappedFileSizeCommitLog", String.valueOf(1024 * 1024 * 1024));
        p.setProperty("maxHashSlotNum", "100000");
        p.setProperty("maxIndexNum", "400000");
        p.setProperty("brokerFastFailureEnable", "false");
        p.setProperty("metricsExporterType", exporter);
        p.setProperty("metricsPromExporterHost", "127.0.0.1");
        p.setProperty("metricsPromExporterPort", "0");
        BrokerController broker = new BrokerController(BrokerConfigs.bind(p));
        broker.start();
        return broker;
    }

    /**
     * Sends from {@link #THREADS} threads to each of {@code brokers} at once for {@code millis}, the threads of
     * {@code brokers.get(first)} started first, running {@code meanwhile} on this thread once they all started;
     * returns how many each broker stored.
     */
    private static long[] run(NettyRemotingClient client, List<BrokerController> brokers, long millis, int first,
            Runnable meanwhile) throws Exception {
        AtomicLongArray stored = new AtomicLongArray(brokers.size());
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < brokers.size(); i++) {
            int which = (first + i) % brokers.size();
            String addr = brokers.get(which).brokerAddr();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        while (System.nanoTime() < deadline) {
                            RemotingCommand response = client.invokeSync(addr, send(), 5000);
                            if (response.code() == ResponseCode.SUCCESS) {
                                stored.incrementAndGet(which);
                            }
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "bench-sender-" + which + "-" + t);
                threads.add(thread);
                thread.start();
            }
        }
        meanwhile.run();
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), () -> "senders failed: " + failures);
        long[] counts = new long[brokers.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = stored.get(i);
        }
        return counts;
    }

    /** Scrapes {@code url} once, as Prometheus would during the window. */
    private static void scrape(HttpClient http, String url) {
        if (url == null) {
            return;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("scrape of " + url + " failed", e);
        }
    }

    private static RemotingCommand createTopic() {
        CreateTopicRequestHeader h = new CreateTopicRequestHeader();
        h.setTopic(TOPIC);
        h.setDefaultTopic("TBW102");
        h.setReadQueueNums(4);
        h.setWriteQueueNums(4);
        h.setPerm(6);
        h.setTopicFilterType("SINGLE_TAG");
        h.setOrder(false);
        return RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC, h);
    }

    /** What an Apache 4.9 producer sends for a message with a tag, to any queue. */
    private static RemotingCommand send() {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("bench_pg");
        h.setTopic(TOPIC);
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(-1);
        h.setSysFlag(0);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties("WAIT\u0001true\u0002TAGS\u0001TagA");
        h.setReconsumeTimes(0);
        h.setUnitMode(false);
        h.setBatch(false);
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.fromV1(h)).body(BODY);
    }
}
