package io.apogee.interop.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.common.message.Message;
import io.apogee.common.topic.TopicConfig;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our producer against Apache's 4.9.8 producer on the same broker (Apache's, then ours), 1 KiB synchronous sends
 * from 16 and 64 threads; each run is timed after a warm-up and the two alternate. A measurement, not a test: it
 * prints the figures as RESULT lines and fails only if a send fails; run with
 * {@code -Dbenchmarks -Dtest=ProducerBenchmark}.
 */
@Tag("benchmark")
class ProducerBenchmark {

    private static final long WARMUP_MILLIS = 3_000;
    private static final long MEASURE_MILLIS = 10_000;
    private static final byte[] BODY = new byte[1024];

    /** One sync send, whichever producer. */
    @FunctionalInterface
    private interface Sender {
        void send() throws Exception;
    }

    @Test
    void compareSendRates() throws Exception {
        for (ClusterKind kind : ClusterKind.values()) {
            try (TestCluster cluster = kind.builder().start()) {
                compare(kind, cluster);
            }
        }
    }

    private static void compare(ClusterKind kind, TestCluster cluster) throws Exception {
        String topic = "ProducerBench";
        createTopic(cluster, topic);
        DefaultMQProducer ours = new DefaultMQProducer("bench_ours");
        ours.setNamesrvAddr(cluster.namesrvAddr());
        ours.start();
        org.apache.rocketmq.client.producer.DefaultMQProducer apache =
                new org.apache.rocketmq.client.producer.DefaultMQProducer("bench_apache");
        apache.setNamesrvAddr(cluster.namesrvAddr());
        apache.start();
        try {
            for (int threads : new int[] {16, 64}) {
                double apacheRate = run("apache", threads, () -> apache.send(
                        new org.apache.rocketmq.common.message.Message(topic, BODY)));
                double ourRate = run("apogee", threads, () -> ours.send(new Message(topic, BODY)));
                System.out.printf("RESULT producer 1 KiB sync sends/s, %s broker, %d threads: apogee %.0f,"
                        + " apache %.0f, ratio %.2f%n", kind, threads, ourRate, apacheRate, ourRate / apacheRate);
            }
        } finally {
            apache.shutdown();
            ours.shutdown();
        }
    }

    private static void createTopic(TestCluster cluster, String topic) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.start();
        try {
            admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a"),
                    TopicConfig.withDefaults(topic).withQueueNums(8, 8));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> !admin.examineTopicRouteInfo(topic).queueDatas().isEmpty());
        } finally {
            admin.shutdown();
        }
    }

    /** Sends from {@code threads} threads for warm-up plus measurement; returns sends per second measured. */
    private static double run(String name, int threads, Sender sender) throws InterruptedException {
        AtomicLong counted = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(WARMUP_MILLIS);
        long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(MEASURE_MILLIS);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        try {
                            sender.send();
                            if (now >= measureFrom) {
                                counted.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "ApogeeBench-" + name + "-" + i);
            workers.add(t);
            t.start();
        }
        done.await();
        double rate = counted.get() * 1000.0 / MEASURE_MILLIS;
        System.out.printf("%s: %.0f sends/s with %d threads, %d failures%n", name, rate, threads, failures.get());
        assertEquals(0, failures.get(), name + " sends failed");
        return rate;
    }
}
