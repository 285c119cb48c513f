package io.apogee.interop.store;

import static org.awaitility.Awaitility.await;

import io.apogee.interop.distribution.ScriptServers;
import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.ChildProcessServers;
import io.apogee.testsupport.ServerLauncher;
import io.apogee.testsupport.TestCluster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.impl.CommunicationMode;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.consumer.PullResultExt;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.protocol.header.PullMessageRequestHeader;
import org.apache.rocketmq.common.protocol.header.SendMessageRequestHeader;
import org.apache.rocketmq.common.sysflag.PullSysFlag;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart-to-serving after {@code kill -9}, our broker against Apache's 4.9.7, each in its own JVM with the same small
 * heap and RocketMQ's default file sizes (1 GiB commit-log files, 300,000-entry consume-queue files, 5 M-slot index),
 * ASYNC_FLUSH: the official 4.9.8 producer fills the commit log with 4 KiB messages in 1 MiB batches from 4 threads up
 * to 256 MiB and 4 GiB, the broker is killed while that load still runs, and the clock starts when its JVM is
 * launched again; it stops once a send and a pull of the queue's first (oldest) message, straight to the broker's
 * address, both succeed. The same after a clean stop is the reference. The store stays in the page cache (a process
 * crash, not a power loss). It prints a RESULT table and asserts nothing: run with
 * {@code mvn -B -ntp verify -Dbenchmarks -pl interop -Dtest=RecoveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>On the 2-core development machine (other builds running, load average 4 to 5), 2026-12-01:
 * <pre>
 * | broker | commit log | acked before kill | launch to port | launch to serving | after a clean stop |
 * | apogee | 256 MiB    | 259 MiB           | 1364 ms        | 1629 ms           | 1322 ms            |
 * | apache | 256 MiB    | 256 MiB           | 3370 ms        | 3642 ms           | 4583 ms            |
 * | apogee | 4096 MiB   | 4098 MiB          | 1798 ms        | 2170 ms           | 2006 ms            |
 * | apache | 4096 MiB   | 4097 MiB          | 6448 ms        | 6663 ms           | 4970 ms            |
 * </pre>
 * Ours does not grow with the store: its recovery took 248 ms (256 MiB) and 337 ms (4 GiB), validating and
 * dispatching again the 76 MB and 155 MB written in the last checkpoint round (17,664 and 35,840 records); the rest
 * is the JVM and broker start, the same after a clean stop. Apache's grows with the commit-log file holding its
 * checkpoint, which it validates and dispatches again from that file's start after a crash, and after a clean stop
 * with its last three files, which it validates.
 */
@Tag("benchmark")
class RecoveryBenchmark {

    /** Commit-log sizes in MiB; {@code -Drecovery.sizesMib=64} runs a quick check of the benchmark itself. */
    private static final String SIZES_MIB = System.getProperty("recovery.sizesMib", "256,4096");
    private static final int BODY_SIZE = 4096;
    private static final int BATCH = 256;
    private static final int FILL_THREADS = 4;
    private static final String BROKER = "recovery";
    /** Our broker as {@code bin/mqbroker} starts it: the launcher's heap, GC and class-data sharing archive. */
    private static final String SHIPPED = "apogee-mqbroker";
    private static final String TOPIC = "RecoveryBench";
    private static final Duration FILL_LIMIT = Duration.ofMinutes(10);
    private static final Duration SERVING_LIMIT = Duration.ofMinutes(5);
    private static final int PROBE_TIMEOUT_MILLIS = 1000;
    private static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

    /** One broker and size: data acknowledged before the kill, and the times from launch to port and to serving. */
    private record Row(String broker, long sizeMib, long ackedMib, long acceptMillis, long servingMillis,
            long cleanServingMillis, String storeLog) {
    }

    /** Times of one launch: until the port accepted, until a send and an old-message pull succeeded. */
    private record Launch(long acceptMillis, long servingMillis) {
    }

    @TempDir
    Path dir;

    @Test
    void restartToServingAfterKill9() throws Exception {
        List<Row> rows = new ArrayList<>();
        ServerLauncher shipped = ScriptServers.unpack(Files.createDirectories(dir.resolve("dist")), "");
        for (String mib : SIZES_MIB.split(",")) {
            long size = Long.parseLong(mib.trim()) << 20;
            rows.add(run("apogee", ChildProcessServers.apogee(JVM_OPTIONS), size));
            rows.add(run(SHIPPED, shipped, size));
            rows.add(run("apache", new ChildProcessServers("org.apache.rocketmq.namesrv.NamesrvStartup",
                    "org.apache.rocketmq.broker.BrokerStartup", JVM_OPTIONS), size));
        }
        System.out.println("RESULT restart-to-serving after kill -9 under load (Apache 4.9.8 producer, 4 KiB messages"
                + " in 1 MiB batches, ASYNC_FLUSH, 1 GiB commit-log files, broker JVM "
                + String.join(" ", JVM_OPTIONS.subList(0, 3)) + "; " + SHIPPED + ": bin/mqbroker of the tarball, with"
                + " the launcher's defaults)");
        System.out.println("RESULT | broker | commit log | acked before kill | launch to port | launch to serving"
                + " | after a clean stop |");
        rows.forEach(r -> System.out.printf("RESULT | %s | %d MiB | %d MiB | %d ms | %d ms | %d ms |%n", r.broker(),
                r.sizeMib(), r.ackedMib(), r.acceptMillis(), r.servingMillis(), r.cleanServingMillis()));
        rows.stream().filter(r -> !r.storeLog().isEmpty())
                .forEach(r -> System.out.printf("RESULT %s %d MiB: %s%n", r.broker(), r.sizeMib(), r.storeLog()));
    }

    private Row run(String kind, ServerLauncher launcher, long size) throws Exception {
        try (TestCluster cluster = TestCluster.builder().clusterName("RecoveryCluster_" + kind).brokers(BROKER)
                .brokerProperty("mappedFileSizeCommitLog", String.valueOf(1L << 30))
                .brokerProperty("mappedFileSizeConsumeQueue", String.valueOf(300_000 * 20))
                .brokerProperty("maxHashSlotNum", "5000000").brokerProperty("maxIndexNum", "20000000")
                .launcher(launcher).start()) {
            String namesrv = cluster.namesrvAddr();
            if (kind.equals(SHIPPED)) {
                // The launcher writes its class-data sharing archive when a broker first stops cleanly (a kill -9
                // drops it): stop once, as a broker that has run before has, so the launches below map it.
                cluster.stopBroker(BROKER);
                cluster.startBroker(BROKER);
            }
            createTopic(cluster, namesrv);
            DefaultMQProducer probe = ApacheClients.producer(namesrv, "recovery-probe-" + kind);
            try {
                MQClientAPIImpl api = probe.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl();
                String addr = cluster.brokerAddr(BROKER);
                long acked = fillAndKill(cluster, namesrv, kind, size);
                Launch crash = launch(cluster, api, addr);
                String storeLog = storeLog(cluster);
                cluster.stopBroker(BROKER);
                Launch clean = launch(cluster, api, addr);
                System.out.printf("%s %d MiB: %d MiB acked, after kill -9 port %d ms, serving %d ms; after a clean stop"
                        + " %d ms%n", kind, size >> 20, acked >> 20, crash.acceptMillis(), crash.servingMillis(),
                        clean.servingMillis());
                return new Row(kind, size >> 20, acked >> 20, crash.acceptMillis(), crash.servingMillis(),
                        clean.servingMillis(), storeLog);
            } finally {
                probe.shutdown();
            }
        }
    }

    private static void createTopic(TestCluster cluster, String namesrv) throws Exception {
        DefaultMQAdminExt admin = ApacheClients.admin(namesrv);
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> admin.examineBrokerClusterInfo()
                    .getBrokerAddrTable().containsKey(BROKER));
            admin.createAndUpdateTopicConfig(cluster.brokerAddr(BROKER), new TopicConfig(TOPIC, 8, 8, 6));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> admin.examineTopicRouteInfo(TOPIC) != null);
        } finally {
            admin.shutdown();
        }
    }

    /**
     * Sends 1 MiB batches from {@link #FILL_THREADS} threads until {@code size} bytes of bodies are acknowledged, then
     * kills the broker while their last batches are in flight (no batch starts after that: the official client logs
     * each failed one whole, 5 MB of text).
     *
     * @return body bytes acknowledged
     */
    private static long fillAndKill(TestCluster cluster, String namesrv, String kind, long size) throws Exception {
        byte[] body = new byte[BODY_SIZE];
        ThreadLocalRandom.current().nextBytes(body);
        AtomicLong acked = new AtomicLong();
        DefaultMQProducer producer = ApacheClients.producer(namesrv, "recovery-fill-" + kind);
        producer.setMaxMessageSize(4 * 1024 * 1024);
        producer.setRetryTimesWhenSendFailed(0);
        List<Thread> senders = new ArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        long ackedAtKill;
        try {
            for (int t = 0; t < FILL_THREADS; t++) {
                Thread sender = new Thread(() -> sendBatches(producer, body, acked, killed), "recovery-fill-" + t);
                sender.start();
                senders.add(sender);
            }
            long start = System.nanoTime();
            await().atMost(FILL_LIMIT).pollInterval(Duration.ofMillis(5)).until(() -> acked.get() >= size);
            long fillMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            killed.set(true);
            cluster.killBroker(BROKER, 0);
            ackedAtKill = acked.get();
            System.out.printf("%s: %d MiB acknowledged in %d ms, broker killed%n", kind, ackedAtKill >> 20,
                    fillMillis);
            for (Thread sender : senders) {
                sender.join();
            }
        } finally {
            producer.shutdown();
        }
        return ackedAtKill;
    }

    private static void sendBatches(DefaultMQProducer producer, byte[] body, AtomicLong acked, AtomicBoolean killed) {
        while (!killed.get()) {
            List<Message> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(new Message(TOPIC, body));
            }
            try {
                if (producer.send(batch).getSendStatus() == SendStatus.SEND_OK) {
                    acked.addAndGet((long) BATCH * BODY_SIZE);
                }
            } catch (Exception e) {
                // the kill (the loop ends, killed is set), or a failure before it: the next batch goes on
            }
        }
    }

    /** Starts the broker again and times it until it serves a send and a pull of queue 0's first message. */
    private static Launch launch(TestCluster cluster, MQClientAPIImpl api, String addr) {
        long start = System.nanoTime();
        cluster.startBroker(BROKER);
        long accept = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        await().atMost(SERVING_LIMIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> serves(api, addr));
        return new Launch(accept, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static boolean serves(MQClientAPIImpl api, String addr) {
        try {
            Message m = new Message(TOPIC, "probe".getBytes());
            MessageClientIDSetter.setUniqID(m);
            SendMessageRequestHeader send = new SendMessageRequestHeader();
            send.setProducerGroup("recovery-probe");
            send.setTopic(TOPIC);
            send.setDefaultTopic("TBW102");
            send.setDefaultTopicQueueNums(4);
            send.setQueueId(1);
            send.setSysFlag(0);
            send.setBornTimestamp(System.currentTimeMillis());
            send.setFlag(0);
            send.setProperties(MessageDecoder.messageProperties2String(m.getProperties()));
            send.setReconsumeTimes(0);
            SendResult sent = api.sendMessage(addr, BROKER, m, send, PROBE_TIMEOUT_MILLIS, CommunicationMode.SYNC,
                    null, null);
            if (sent.getSendStatus() != SendStatus.SEND_OK) {
                return false;
            }
            PullMessageRequestHeader pull = new PullMessageRequestHeader();
            pull.setConsumerGroup("recovery-probe");
            pull.setTopic(TOPIC);
            pull.setQueueId(0);
            pull.setQueueOffset(0L);
            pull.setMaxMsgNums(1);
            pull.setSysFlag(PullSysFlag.buildSysFlag(false, false, true, false));
            pull.setCommitOffset(0L);
            pull.setSuspendTimeoutMillis(0L);
            pull.setSubscription("*");
            pull.setSubVersion(0L);
            pull.setExpressionType("TAG");
            PullResult pulled = api.pullMessage(addr, pull, PROBE_TIMEOUT_MILLIS, CommunicationMode.SYNC, null);
            if (pulled.getPullStatus() != PullStatus.FOUND) {
                return false;
            }
            MessageExt first = MessageDecoder.decode(ByteBuffer.wrap(((PullResultExt) pulled).getMessageBinary()));
            return first.getQueueOffset() == 0 && first.getBody().length == BODY_SIZE;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Our store's recovery line from the broker's output or, started by {@code bin/mqbroker}, its log files (Apache's
     * broker logs nowhere here), or "".
     */
    private static String storeLog(TestCluster cluster) throws IOException {
        Path brokerDir = cluster.brokerStore(BROKER, 0).getParent();
        List<Path> logs = new ArrayList<>(List.of(brokerDir.resolve("stdout.log")));
        if (Files.isDirectory(brokerDir.resolve("logs"))) {
            try (Stream<Path> files = Files.list(brokerDir.resolve("logs"))) {
                files.filter(f -> f.getFileName().toString().endsWith(".log")).forEach(logs::add);
            }
        }
        String last = "";
        for (Path log : logs) {
            if (Files.exists(log)) {
                try (Stream<String> lines = Files.lines(log)) {
                    last = lines.filter(l -> l.contains("store recovered")).reduce((a, b) -> b).orElse(last);
                }
            }
        }
        return last;
    }
}
