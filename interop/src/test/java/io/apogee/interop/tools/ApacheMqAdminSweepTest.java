package io.apogee.interop.tools;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.interop.fixture.Sides;
import io.apogee.testsupport.TempDirs;
import io.apogee.testsupport.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Apache RocketMQ 4.9.8 {@code mqadmin} sub-command an operator runs, run by Apache's own
 * {@code MQAdminStartup} against Apache RocketMQ 4.9.7's NameServer and broker and against ours (a cluster of each,
 * one child JVM for all the commands against one cluster, see {@link ApacheMqAdminBatch}), each checked for success
 * (no failure logged or printed) and for the kind of output it prints. Before the sweep an official producer (with
 * message trace) has sent messages that an official push consumer, still online, has consumed and committed, so
 * that the connection, status, progress, trace and query commands have something to show. The ACL commands run
 * against a second cluster of ours, with ACL on. (Apache's query commands write message bodies under
 * {@code /tmp/rocketmq/msgbodys}, a path of their own.)
 *
 * <p>Not run:
 * <ul>
 * <li>{@code startMonitoring} (a monitoring loop that never returns) and {@code clusterRT} (prints a round every
 * interval, forever).</li>
 * </ul>
 * The tools jar also holds the sub-commands {@code resetOffsetByTimeOld}, {@code getConsumerStatus}, {@code consumer}
 * and {@code DecodeMessageId}, which 4.9.8's {@code MQAdminStartup} does not register ("The sub command ... not
 * exist"): every command it does register is run here but those two.
 */
class ApacheMqAdminSweepTest {

    private static final String TOPIC = "SweepTopic";
    /** A topic the sweep changes and deletes (created beforehand: our broker registers a new topic asynchronously). */
    private static final String SCRATCH_TOPIC = "SweepTopic2";
    private static final String GROUP = "SweepGroup";
    private static final String PRODUCER_GROUP = "SweepProducer";
    private static final int MESSAGES = 8;
    /** How Apache's mqadmin reports a failed command (its log line, or a stack trace printed). */
    private static final Pattern FAILED = Pattern.compile("command failed|Exception: ");

    private static final Sides<Side> SIDES = new Sides<>(kind -> kind.builder().clusterName("Sweep" + kind.name())
            .brokerProperty("traceTopicEnable", "true"), (kind, cluster) -> setUp(cluster));

    /**
     * One implementation's cluster with the clients that prepared it, the first and last message sent, and the
     * {@code ROCKETMQ_HOME} the sweep's mqadmin runs with.
     */
    private record Side(TestCluster cluster, DefaultMQProducer producer, DefaultMQPushConsumer consumer,
            DefaultMQAdminExt admin, SendResult first, SendResult sent, Path home) implements AutoCloseable {
        @Override
        public void close() {
            consumer.shutdown();
            producer.shutdown();
            admin.shutdown();
            cluster.close();
        }
    }

    private static Side setUp(TestCluster cluster) throws Exception {
        Path home = TempDirs.create("apache-mqadmin-sweep-");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/logback_tools.xml"), LOGBACK, StandardCharsets.UTF_8);
        DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
        for (String topic : List.of(TOPIC, SCRATCH_TOPIC)) {
            admin.createAndUpdateTopicConfig(cluster.brokerAddr("broker-a"), new TopicConfig(topic, 4, 4, 6));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.examineTopicRouteInfo(topic) != null);
        }
        DefaultMQProducer producer = new DefaultMQProducer(PRODUCER_GROUP, true);
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        SendResult first = null;
        SendResult sent = null;
        for (int i = 0; i < MESSAGES; i++) {
            sent = producer.send(new Message(TOPIC, "TagA", "sweep-key-" + i, ("sweep body " + i)
                    .getBytes(StandardCharsets.UTF_8)));
            first = first == null ? sent : first;
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(cluster.namesrvAddr(), GROUP);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> received.add(m.getKeys()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == MESSAGES);
        await("committed offsets of " + GROUP).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> admin.examineConsumeStats(GROUP).computeTotalDiff() == 0);
        return new Side(cluster, producer, consumer, admin, first, sent, home);
    }

    @AfterAll
    static void stop() throws Exception {
        SIDES.closeAll();
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void everySubCommandSucceedsWithItsOutput(ClusterKind kind) throws Exception {
        Side side = SIDES.get(kind);
        String c = side.cluster().clusterName();
        String broker = side.cluster().brokerAddr("broker-a");
        String export = side.home().resolve("export").toString();
        SendResult first = side.first();
        SendResult sent = side.sent();
        Map<String[], String> sweep = new LinkedHashMap<>();
        sweep.put(args("clusterList"), "#Cluster Name");
        sweep.put(args("clusterList", "-m"), "#InTotalYest");
        sweep.put(args("topicList"), TOPIC);
        sweep.put(args("topicList", "-c"), "#Cluster Name");
        sweep.put(args("topicRoute", "-t", TOPIC), "brokerName");
        sweep.put(args("topicRoute", "-t", TOPIC, "-l"), "broker-a");
        sweep.put(args("topicStatus", "-t", TOPIC), "#Broker Name");
        sweep.put(args("topicClusterList", "-t", TOPIC), c);
        sweep.put(args("updateTopic", "-c", c, "-t", SCRATCH_TOPIC, "-r", "2", "-w", "2"), "create topic to");
        sweep.put(args("updateTopicPerm", "-c", c, "-t", SCRATCH_TOPIC, "-p", "6"), "update topic perm from");
        sweep.put(args("updateOrderConf", "-t", SCRATCH_TOPIC, "-m", "put", "-v", "broker-a:2"),
                "update orderConf success");
        sweep.put(args("updateOrderConf", "-t", SCRATCH_TOPIC, "-m", "get"), "orderConf=[broker-a:2]");
        sweep.put(args("updateOrderConf", "-t", SCRATCH_TOPIC, "-m", "delete"), "delete orderConf success");
        sweep.put(args("allocateMQ", "-t", TOPIC, "-i", "127.0.0.1,127.0.0.2"), "\"result\"");
        sweep.put(args("updateSubGroup", "-c", c, "-g", "SweepGroup2"), "create subscription group to");
        sweep.put(args("getConsumerConfig", "-g", GROUP), "groupName");
        sweep.put(args("consumerProgress", "-g", GROUP), "Diff Total");
        sweep.put(args("consumerProgress", "-g", GROUP, "-s", "true"), "Diff Total");
        sweep.put(args("consumerProgress"), GROUP);
        sweep.put(args("consumerConnection", "-g", GROUP), "CLUSTERING");
        sweep.put(args("consumerStatus", "-g", GROUP), "Rebalance OK");
        sweep.put(args("producerConnection", "-g", PRODUCER_GROUP, "-t", TOPIC), "JAVA");
        sweep.put(args("producer", "-b", broker), "producer group (" + PRODUCER_GROUP + ")");
        sweep.put(args("brokerStatus", "-b", broker), "brokerVersionDesc");
        sweep.put(args("brokerStatus", "-c", c), "brokerVersionDesc");
        sweep.put(args("brokerConsumeStats", "-b", broker), GROUP);
        sweep.put(args("getBrokerConfig", "-b", broker), "brokerName");
        sweep.put(args("getBrokerConfig", "-c", c), "brokerName");
        sweep.put(args("updateBrokerConfig", "-b", broker, "-k", "defaultQueryMaxNum", "-v", "32"),
                "update broker config success");
        sweep.put(args("cleanExpiredCQ", "-b", broker), "success");
        sweep.put(args("cleanUnusedTopic", "-b", broker), "success");
        sweep.put(args("deleteExpiredCommitLog", "-b", broker), "success");
        sweep.put(args("sendMsgStatus", "-b", "broker-a", "-c", "3"), "SEND_OK");
        sweep.put(args("checkMsgSendRT", "-t", TOPIC, "-a", "3"), "Avg RT");
        sweep.put(args("statsAll"), GROUP);
        sweep.put(args("statsAll", "-t", TOPIC), GROUP);
        sweep.put(args("queryMsgByKey", "-t", TOPIC, "-k", "sweep-key-0"), first.getMsgId());
        String lastKey = "[sweep-key-" + (MESSAGES - 1) + "]";
        sweep.put(args("queryMsgById", "-i", sent.getOffsetMsgId()), lastKey);
        sweep.put(args("queryMsgByUniqueKey", "-i", sent.getMsgId(), "-t", TOPIC), lastKey);
        sweep.put(args("queryMsgByOffset", "-t", TOPIC, "-b", "broker-a", "-i",
                String.valueOf(sent.getMessageQueue().getQueueId()), "-o", String.valueOf(sent.getQueueOffset())),
                lastKey);
        sweep.put(args("queryMsgTraceById", "-i", sent.getMsgId()), PRODUCER_GROUP);
        sweep.put(args("printMsg", "-t", TOPIC), first.getMsgId());
        sweep.put(args("printMsgByQueue", "-t", TOPIC, "-a", "broker-a", "-i", "0", "-p", "true"),
                "MSGID");
        sweep.put(args("queryCq", "-t", TOPIC, "-q", "0", "-i", "0", "-c", "5"), "ConsumeQueueData");
        sweep.put(args("sendMessage", "-t", TOPIC, "-p", "hello", "-k", "k1", "-c", "TagB"), "SEND_OK");
        sweep.put(args("sendMessage", "-t", TOPIC, "-p", "hello", "-b", "broker-a", "-i", "1"), "SEND_OK");
        sweep.put(args("consumeMessage", "-t", TOPIC, "-c", "3"), "Consume ok");
        sweep.put(args("consumeMessage", "-t", TOPIC, "-b", "broker-a", "-i", "0", "-o", "0", "-c", "2"),
                "MSGID");
        sweep.put(args("resetOffsetByTime", "-g", GROUP, "-t", TOPIC, "-s", "now"), "#brokerName");
        sweep.put(args("cloneGroupOffset", "-s", GROUP, "-d", "SweepClone", "-t", TOPIC),
                "clone group offset success");
        sweep.put(args("skipAccumulatedMessage", "-g", GROUP, "-t", TOPIC), "#brokerName");
        sweep.put(args("getNamesrvConfig"), "kvConfigPath");
        sweep.put(args("updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "false"),
                "update name server config success");
        sweep.put(args("updateKvConfig", "-s", "sweep", "-k", "k", "-v", "v"), "success");
        sweep.put(args("deleteKvConfig", "-s", "sweep", "-k", "k"), "success");
        sweep.put(args("wipeWritePerm", "-b", "broker-a"), "wipe write perm");
        sweep.put(args("addWritePerm", "-b", "broker-a"), "add write perm");
        sweep.put(args("exportMetadata", "-c", c, "-f", export), "success");
        sweep.put(args("exportMetrics", "-c", c, "-f", export), "success");
        sweep.put(args("exportConfigs", "-c", c, "-f", export), "success");
        sweep.put(args("deleteSubGroup", "-c", c, "-g", "SweepGroup2"), "delete subscription group");
        sweep.put(args("deleteTopic", "-c", c, "-t", SCRATCH_TOPIC), "delete topic");

        assertEquals("", sweep(side.home(), side.cluster().namesrvAddr(), sweep,
                "apache-mqadmin-sweep-" + kind.name().toLowerCase(Locale.ROOT) + ".txt"));
    }

    /**
     * The ACL commands against a broker with {@code aclEnable=true}, signed by Apache's mqadmin with the admin account
     * of {@code conf/tools.yml}: an account is added, the global white list set, the version listed, the account
     * deleted, each change in the broker's {@code plain_acl.yml}.
     */
    @Test
    void aclCommandsChangeTheBrokersAclFile() throws Exception {
        Path aclHome = TempDirs.create("apache-mqadmin-acl-");
        Files.createDirectories(aclHome.resolve("conf"));
        Path acl = aclHome.resolve("conf/plain_acl.yml");
        Files.writeString(acl, "accounts:\n  - {accessKey: sweep-admin, secretKey: sweep-admin-secret, admin: true}"
                + "\n");
        Files.writeString(aclHome.resolve("conf/tools.yml"), "accessKey: sweep-admin\nsecretKey: sweep-admin-secret"
                + "\n");
        Files.writeString(aclHome.resolve("conf/logback_tools.xml"), LOGBACK, StandardCharsets.UTF_8);
        System.setProperty("rocketmq.home.dir", aclHome.toString());
        try (TestCluster secured = TestCluster.builder().clusterName("AclSweep").brokerProperty("aclEnable", "true")
                .start()) {
            Map<String[], String> sweep = new LinkedHashMap<>();
            sweep.put(args("updateAclConfig", "-c", "AclSweep", "-a", "sweep-reader", "-s", "sweep-reader-secret",
                    "-t", TOPIC + "=SUB", "-i", "DENY"), "create or update plain access config to");
            sweep.put(args("updateGlobalWhiteAddr", "-c", "AclSweep", "-g", "10.9.8.*"),
                    "update global white remote addresses to");
            sweep.put(args("clusterAclConfigVersion", "-c", "AclSweep"), "AclSweep");
            sweep.put(args("deleteAclConfig", "-c", "AclSweep", "-a", "sweep-reader"),
                    "delete plain access config account from");
            assertEquals("", sweep(aclHome, secured.namesrvAddr(), sweep, "apache-mqadmin-acl-sweep.txt"));
            String file = Files.readString(acl);
            assertTrue(file.contains("10.9.8.*") && !file.contains("sweep-reader"), file);
        } finally {
            System.clearProperty("rocketmq.home.dir");
        }
    }

    /**
     * Runs the command lines of {@code sweep} against the NameServers {@code namesrv} with {@code home} as
     * {@code ROCKETMQ_HOME}, writes each output to {@code target/<report>}, and returns the commands that failed or
     * printed without their expected text, with what they printed (empty: none).
     */
    private static String sweep(Path home, String namesrv, Map<String[], String> sweep, String report)
            throws IOException, InterruptedException {
        List<String[]> lines = new ArrayList<>(sweep.keySet());
        List<String> outputs = run(home, namesrv, lines);
        StringBuilder failures = new StringBuilder();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String shown = String.join(" ", lines.get(i));
            String out = outputs.get(i);
            all.append("### ").append(shown).append('\n').append(out).append('\n');
            String expected = sweep.get(lines.get(i));
            if (out == null || FAILED.matcher(out).find() || !out.contains(expected)) {
                failures.append("mqadmin ").append(shown).append(":\n").append(out).append('\n');
            }
        }
        Files.writeString(Path.of("target", report), all);
        return failures.toString();
    }

    private static String[] args(String... args) {
        return args;
    }

    /** The outputs of the command lines, in order; {@code null} for one that never ended. */
    private static List<String> run(Path home, String namesrv, List<String[]> commands)
            throws IOException, InterruptedException {
        Path file = home.resolve("commands.txt");
        List<String> text = new ArrayList<>();
        for (String[] command : commands) {
            List<String> withNamesrv = new ArrayList<>(List.of(command));
            withNamesrv.add("-n");
            withNamesrv.add(namesrv);
            text.add(String.join("\t", withNamesrv));
        }
        Files.write(file, text, StandardCharsets.UTF_8);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + home.resolve("user"),
                "-Drocketmq.client.logRoot=" + home.resolve("logs"), "-Drocketmq.home.dir=" + home,
                "-cp", System.getProperty("java.class.path"), ApacheMqAdminBatch.class.getName(), file.toString());
        Path log = home.resolve("batch-output.txt");
        // In home: consumerStatus writes each client's running info to <timestamp>/<client id> in the working directory.
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), () -> "the mqadmin batch hangs: " + tail(log));
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            int begin = output.indexOf(ApacheMqAdminBatch.BEGIN + i + "\n");
            int end = output.indexOf(ApacheMqAdminBatch.END + i + "\n");
            outputs.add(begin < 0 || end < 0 ? null
                    : output.substring(begin + (ApacheMqAdminBatch.BEGIN + i + "\n").length(), end).strip());
        }
        return outputs;
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Apache's tools log (its command failures among it) to standard output, where the batch reads it. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%p %c - %m%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
