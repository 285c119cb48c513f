package io.apogee.interop.replication;

import static org.awaitility.Awaitility.await;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * One broker name with a master (brokerId 0) and a slave (brokerId 1) and a NameServer, each in its own child JVM
 * on loopback (free ports, temp stores, 8 MiB commit-log files), with the official 4.9.8 admin client; the slave
 * learns its master from the NameServer's registration answer. The servers' {@code broker.conf} keys come from the
 * {@link TestCluster.Builder} of {@link #layout}; {@link ReplicaSets} starts and stops sets for a test.
 */
final class ReplicaSet implements AutoCloseable {

    static final String BROKER = "replica-a";
    static final long MASTER = 0;
    static final long SLAVE = 1;
    /** Generous: two cores run the test JVM, three server JVMs and the official clients' threads. */
    static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * Small heaps; Apache's broker unmaps files by reflection on Java 17; our servers log replication's INFO events
     * (Apache's configure their own logging from {@code ROCKETMQ_HOME/conf}).
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "-Dlogback.configurationFile=" + resource("/logback-replication.xml"));
    /** Our slave's line when it connects to its master ({@code store.ha.HaClient}). */
    private static final Pattern REPORTED = Pattern.compile("HA client connected to master \\S+, reported offset "
            + "(\\d+)");
    private static final int ADMIN_TIMEOUT_MILLIS = 15_000;

    private final TestCluster cluster;
    private final DefaultMQAdminExt admin;

    private ReplicaSet(TestCluster cluster) throws MQClientException {
        this.cluster = cluster;
        this.admin = ApacheClients.admin(cluster.namesrvAddr());
    }

    /** Starts {@code layout} (see {@link #layout}); every server accepts connections when this returns. */
    static ReplicaSet start(TestCluster.Builder layout) throws MQClientException {
        TestCluster cluster = layout.start();
        try {
            return new ReplicaSet(cluster);
        } catch (MQClientException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * The shape of a set whose NameServer and master are {@code masters}' and whose slave is {@code slaves}', in
     * child JVMs; add {@code brokerProperty} keys (e.g. {@code brokerRole=SYNC_MASTER}) before starting it. Broker
     * fast failure is off: on a loaded two-core machine a send can wait more than its 200 ms in the send queue
     * (seen: up to 1.1 s in a full build), and both brokers then answer SYSTEM_BUSY, which the producer does not
     * retry; these tests are about replication, not flow control.
     */
    static TestCluster.Builder layout(ClusterKind masters, ClusterKind slaves) {
        return layout(masters, slaves, JVM_OPTIONS).brokerProperty("brokerFastFailureEnable", "false");
    }

    /**
     * A set of {@code masters}' and {@code slaves}' servers with RocketMQ's defaults (fast failure on) and other
     * options for every server JVM (e.g. a benchmark's).
     */
    static TestCluster.Builder layout(ClusterKind masters, ClusterKind slaves, List<String> jvmOptions) {
        return TestCluster.builder().clusterName("ReplicaCluster").brokers(BROKER).slaves(1)
                .launcher(masters.childProcesses(jvmOptions)).slaveLauncher(slaves.childProcesses(jvmOptions));
    }

    TestCluster cluster() {
        return cluster;
    }

    DefaultMQAdminExt admin() {
        return admin;
    }

    String namesrvAddr() {
        return cluster.namesrvAddr();
    }

    String addr(long brokerId) {
        return cluster.brokerAddr(BROKER, brokerId);
    }

    Path store(long brokerId) {
        return cluster.brokerStore(BROKER, brokerId);
    }

    /** Creates {@code topic} on the master (read-write, {@code queues} queues) and waits for its route. */
    void createTopic(String topic, int queues) throws Exception {
        admin.createAndUpdateTopicConfig(addr(MASTER), new TopicConfig(topic, queues, queues, 6));
        await("route of " + topic).atMost(WAIT).ignoreExceptions()
                .until(() -> !admin.examineTopicRouteInfo(topic).getQueueDatas().isEmpty());
    }

    /** Waits for the slave's metadata sync (every 10 s) to copy {@code topic} from the master. */
    void awaitTopicOnSlave(String topic) {
        await(topic + " synced to the slave").atMost(WAIT).ignoreExceptions()
                .until(() -> admin.getAllTopicConfig(addr(SLAVE), ADMIN_TIMEOUT_MILLIS).getTopicConfigTable()
                        .containsKey(topic));
    }

    /** The broker's {@code commitLogMaxOffset} from its runtime info (what {@code brokerStatus} prints). */
    long maxOffset(long brokerId) throws Exception {
        return Long.parseLong(runtimeInfo(brokerId, "commitLogMaxOffset"));
    }

    /** One key of the broker's runtime info ({@code brokerStatus}); null when it has no such key. */
    String runtimeInfo(long brokerId, String key) throws Exception {
        return admin.fetchBrokerRuntimeStats(addr(brokerId)).getTable().get(key);
    }

    /** Waits until the slave's commit log ends where the master's does (and is not empty); returns that offset. */
    long awaitSlaveCaughtUp() {
        long[] end = new long[1];
        await("slave at the master's max offset").atMost(WAIT).ignoreExceptions().until(() -> {
            long master = maxOffset(MASTER);
            end[0] = master;
            return master > 0 && maxOffset(SLAVE) == master;
        });
        return end[0];
    }

    /**
     * Sends keyless probes to {@code topic} until one is answered SEND_OK: on a SYNC_MASTER, that is once the slave
     * has connected and confirmed bytes.
     */
    void awaitSendOk(DefaultMQProducer producer, String topic) {
        byte[] body = "probe".getBytes(StandardCharsets.UTF_8);
        await("a SEND_OK from " + BROKER).atMost(WAIT).ignoreExceptions()
                .until(() -> producer.send(new Message(topic, "probe", body)).getSendStatus() == SendStatus.SEND_OK);
    }

    /**
     * The offsets our slave reported each time it connected to its master, oldest first, from its log: the offset
     * a master resumes the transfer at.
     */
    List<Long> slaveReportedOffsets() throws IOException {
        Path log = store(SLAVE).getParent().resolve("stdout.log");
        List<Long> offsets = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = REPORTED.matcher(line);
            if (m.find()) {
                offsets.add(Long.parseLong(m.group(1)));
            }
        }
        return offsets;
    }

    /** The last {@code lines} lines of the output of every server of the set, for a failure's report. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        for (long id : new long[] {MASTER, SLAVE}) {
            Path log = store(id).getParent().resolve("stdout.log");
            out.append("---- ").append(BROKER).append(" brokerId ").append(id).append(" (").append(log)
                    .append(") ----\n");
            try {
                List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    private static String resource(String name) {
        try {
            return Path.of(ReplicaSet.class.getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(name, e);
        }
    }

    @Override
    public void close() {
        try {
            admin.shutdown();
        } finally {
            cluster.close();
        }
    }
}
