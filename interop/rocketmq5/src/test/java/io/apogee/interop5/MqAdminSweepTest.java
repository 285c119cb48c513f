package io.apogee.interop5;

import static io.apogee.interop5.SharedCluster.BROKER;
import static io.apogee.interop5.SharedCluster.WAIT;
import static io.apogee.interop5.SharedCluster.admin;
import static io.apogee.interop5.SharedCluster.cluster;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.pushConsumer;
import static io.apogee.interop5.SharedCluster.tune;
import static io.apogee.interop5.SharedCluster.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.testsupport.TempDirs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every RocketMQ 5.3.3 {@code mqadmin} sub-command that applies to a 4.9-feature broker, run by 5.3.3's own
 * {@code MQAdminStartup} against our NameServer and broker in one child JVM ({@link MqAdmin5Batch}), each checked for
 * success (no failure logged or printed) and for the kind of output it prints; the 5.x-only ones that reach the
 * broker are checked to be refused naming the request. Before the sweep a traced 5.3.3 producer has sent messages
 * that a 5.3.3 push consumer, still online, has consumed and committed.
 *
 * <p>Not run (5.x features we do not have, or commands that never return):
 * <ul>
 * <li>ACL 2.0: {@code createUser}, {@code updateUser}, {@code deleteUser}, {@code getUser}, {@code listUser},
 * {@code copyUser}, {@code createAcl}, {@code updateAcl}, {@code deleteAcl}, {@code getAcl}, {@code listAcl},
 * {@code copyAcl} (5.3.3 registers no 4.9 ACL commands).</li>
 * <li>Controller and its HA: {@code getSyncStateSet}, {@code getBrokerEpoch}, {@code getControllerMetaData},
 * {@code getControllerConfig}, {@code updateControllerConfig}, {@code electMaster}, {@code cleanBrokerMetadata},
 * {@code resetMasterFlushOffset}.</li>
 * <li>Broker containers: {@code addBroker}, {@code removeBroker}. Static topics: {@code updateStaticTopic},
 * {@code remappingStaticTopic}. Pop: {@code setConsumeMode}, {@code exportPopRecord}.</li>
 * <li>RocksDB and compaction stores: {@code exportMetadataInRocksDB}, {@code rocksDBConfigToJson},
 * {@code checkRocksdbCqWriteProgress}, {@code dumpCompactionLog}. Cold-data flow control:
 * {@code getColdDataFlowCtrInfo}, {@code updateColdDataFlowCtrGroupConfig}, {@code removeColdDataFlowCtrGroupConfig}.
 * </li>
 * <li>{@code startMonitoring} (a loop that never returns), {@code clusterRT} (a round every interval, forever).</li>
 * </ul>
 */
@ExtendWith(SharedCluster.class)
class MqAdminSweepTest {

    private static final int MESSAGES = 8;
    /** How 5.3.3's mqadmin reports a failed command (its log line, or a stack trace printed). */
    private static final Pattern FAILED = Pattern.compile("command failed|Exception: ");

    @Test
    void everySubCommandSucceedsWithItsOutput() throws Exception {
        String topic = newTopic("Sweep5", 4);
        String scratch = newTopic("Sweep5Scratch", 4);
        String group = unique("sweep5cg");
        String producerGroup = unique("sweep5pg");
        Path home = TempDirs.create("mqadmin5-sweep-");
        Files.createDirectories(home.resolve("conf"));
        // 5.3.3's tools log (their failures among it) by this file: to standard output, where the sweep reads it.
        try (InputStream logback = MqAdminSweepTest.class.getResourceAsStream("/logback-test.xml")) {
            Files.copy(logback, home.resolve("conf/logback_tools.xml"));
        }
        DefaultMQProducer producer = tune(new DefaultMQProducer(producerGroup, true, null));
        producer.setSendMsgTimeout(10_000);
        producer.start();
        DefaultMQPushConsumer consumer = pushConsumer(group);
        try {
            List<SendResult> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(producer.send(new Message(topic, "TagA", "sweep5-key-" + i,
                        ("sweep body " + i).getBytes(StandardCharsets.UTF_8))));
            }
            Set<String> received = ConcurrentHashMap.newKeySet();
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
                msgs.forEach(m -> received.add(m.getKeys()));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            await().atMost(WAIT).until(() -> received.size() == MESSAGES);
            await("committed offsets of " + group).atMost(WAIT).ignoreExceptions()
                    .until(() -> admin().examineConsumeStats(group).computeTotalDiff() == 0);
            SendResult last = sent.get(MESSAGES - 1);
            await("trace of the last message").atMost(WAIT).ignoreExceptions().until(() -> !admin()
                    .queryMessage("RMQ_SYS_TRACE_TOPIC", last.getMsgId(), 32, 0, Long.MAX_VALUE)
                    .getMessageList().isEmpty());
            assertEquals("", sweep(home, commands(home, topic, scratch, group, producerGroup, sent.get(0), last)));
            TempDirs.delete(home);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /** The command lines of the sweep, each with the text its output must hold. */
    private static Map<List<String>, String> commands(Path home, String topic, String scratch, String group,
            String producerGroup, SendResult first, SendResult last) throws IOException {
        String c = cluster().clusterName();
        String broker = cluster().brokerAddr(BROKER);
        String export = home.resolve("export").toString();
        String batchTopic = unique("Sweep5Batch");
        String batchGroup = unique("sweep5batchcg");
        Path topics = Files.writeString(home.resolve("topics.json"), "[{\"topicName\":\"" + batchTopic
                + "\",\"readQueueNums\":2,\"writeQueueNums\":2,\"perm\":6}]");
        Path groups = Files.writeString(home.resolve("groups.json"), "[{\"groupName\":\"" + batchGroup + "\"}]");
        String lastKey = "[sweep5-key-" + (MESSAGES - 1) + "]";
        Map<List<String>, String> sweep = new LinkedHashMap<>();
        put(sweep, "#Cluster Name", "clusterList");
        put(sweep, "#InTotalYest", "clusterList", "-m");
        put(sweep, topic, "topicList");
        put(sweep, "#Cluster Name", "topicList", "-c");
        put(sweep, "brokerName", "topicRoute", "-t", topic);
        put(sweep, BROKER, "topicRoute", "-t", topic, "-l");
        put(sweep, "#Broker Name", "topicStatus", "-t", topic);
        put(sweep, c, "topicClusterList", "-t", topic);
        put(sweep, "create topic to", "updateTopic", "-c", c, "-t", scratch, "-r", "2", "-w", "2");
        put(sweep, refused("UPDATE_AND_CREATE_TOPIC_LIST"), "updateTopicList", "-b", broker, "-f", topics.toString());
        put(sweep, "update topic perm from", "updateTopicPerm", "-c", c, "-t", scratch, "-p", "6");
        put(sweep, "update orderConf success", "updateOrderConf", "-t", scratch, "-m", "put", "-v", BROKER + ":2");
        put(sweep, "orderConf=[" + BROKER + ":2]", "updateOrderConf", "-t", scratch, "-m", "get");
        put(sweep, "delete orderConf success", "updateOrderConf", "-t", scratch, "-m", "delete");
        put(sweep, "\"result\"", "allocateMQ", "-t", topic, "-i", "127.0.0.1,127.0.0.2");
        put(sweep, "create subscription group to", "updateSubGroup", "-c", c, "-g", group + "2");
        put(sweep, refused("UPDATE_AND_CREATE_SUBSCRIPTIONGROUP_LIST"), "updateSubGroupList", "-b", broker, "-f",
                groups.toString());
        put(sweep, "groupName", "getConsumerConfig", "-g", group);
        put(sweep, "Diff Total", "consumerProgress", "-g", group);
        put(sweep, "Diff Total", "consumerProgress", "-g", group, "-s", "true");
        put(sweep, "Diff Total", "consumerProgress", "-g", group, "-t", topic);
        put(sweep, group, "consumerProgress");
        put(sweep, "CLUSTERING", "consumerConnection", "-g", group);
        put(sweep, "Rebalance OK", "consumerStatus", "-g", group);
        put(sweep, "JAVA", "producerConnection", "-g", producerGroup, "-t", topic);
        put(sweep, "producer group (" + producerGroup + ")", "producer", "-b", broker);
        put(sweep, "brokerVersionDesc", "brokerStatus", "-b", broker);
        put(sweep, "brokerVersionDesc", "brokerStatus", "-c", c);
        put(sweep, group, "brokerConsumeStats", "-b", broker);
        put(sweep, "brokerName", "getBrokerConfig", "-b", broker);
        put(sweep, "brokerName", "getBrokerConfig", "-c", c);
        put(sweep, "update broker config success", "updateBrokerConfig", "-b", broker, "-k", "defaultQueryMaxNum",
                "-v", "32");
        put(sweep, "success", "cleanExpiredCQ", "-b", broker);
        put(sweep, "success", "cleanUnusedTopic", "-b", broker);
        put(sweep, "success", "deleteExpiredCommitLog", "-b", broker);
        put(sweep, "SEND_OK", "sendMsgStatus", "-b", BROKER, "-c", "3");
        put(sweep, "Avg RT", "checkMsgSendRT", "-t", topic, "-a", "3");
        put(sweep, group, "statsAll");
        put(sweep, group, "statsAll", "-t", topic);
        put(sweep, first.getMsgId(), "queryMsgByKey", "-t", topic, "-k", "sweep5-key-0");
        put(sweep, lastKey, "queryMsgById", "-i", last.getOffsetMsgId(), "-t", topic);
        put(sweep, lastKey, "queryMsgByUniqueKey", "-i", last.getMsgId(), "-t", topic);
        put(sweep, lastKey, "queryMsgByOffset", "-t", topic, "-b", BROKER, "-i",
                String.valueOf(last.getMessageQueue().getQueueId()), "-o", String.valueOf(last.getQueueOffset()));
        put(sweep, producerGroup, "queryMsgTraceById", "-i", last.getMsgId());
        put(sweep, first.getMsgId(), "printMsg", "-t", topic);
        put(sweep, "MSGID", "printMsgByQueue", "-t", topic, "-a", BROKER, "-i", "0", "-p", "true");
        put(sweep, "ConsumeQueueData", "queryCq", "-t", topic, "-q", "0", "-i", "0", "-c", "5");
        put(sweep, "SEND_OK", "sendMessage", "-t", topic, "-p", "hello", "-k", "k1", "-c", "TagB");
        put(sweep, "SEND_OK", "sendMessage", "-t", topic, "-p", "hello", "-b", BROKER, "-i", "1");
        put(sweep, "Consume ok", "consumeMessage", "-t", topic, "-c", "3");
        put(sweep, "MSGID", "consumeMessage", "-t", topic, "-b", BROKER, "-i", "0", "-o", "0", "-c", "2");
        put(sweep, "#brokerName", "resetOffsetByTime", "-g", group, "-t", topic, "-s", "now");
        put(sweep, "clone group offset success", "cloneGroupOffset", "-s", group, "-d", group + "clone", "-t", topic);
        put(sweep, "#brokerName", "skipAccumulatedMessage", "-g", group, "-t", topic);
        put(sweep, "kvConfigPath", "getNamesrvConfig");
        put(sweep, "update name server config success", "updateNamesrvConfig", "-k", "orderMessageEnable", "-v",
                "false");
        put(sweep, "success", "updateKvConfig", "-s", "sweep5", "-k", "k", "-v", "v");
        put(sweep, "success", "deleteKvConfig", "-s", "sweep5", "-k", "k");
        put(sweep, "wipe write perm", "wipeWritePerm", "-b", BROKER);
        put(sweep, "add write perm", "addWritePerm", "-b", BROKER);
        put(sweep, "success", "exportMetadata", "-c", c, "-f", export);
        put(sweep, "success", "exportMetrics", "-c", c, "-f", export);
        put(sweep, "success", "exportConfigs", "-c", c, "-f", export);
        put(sweep, "delete subscription group", "deleteSubGroup", "-c", c, "-g", group + "2");
        put(sweep, "delete topic", "deleteTopic", "-c", c, "-t", scratch);
        put(sweep, refused("GET_BROKER_HA_STATUS"), "haStatus", "-b", broker);
        put(sweep, refused("SET_COMMITLOG_READ_MODE"), "setCommitLogReadAheadMode", "-b", broker, "-m", "0");
        return sweep;
    }

    /** What our broker's refusal of a 5.x-only request names. */
    private static String refused(String requestCode) {
        return requestCode + ", RocketMQ 5 only) not supported";
    }

    private static void put(Map<List<String>, String> sweep, String expected, String... line) {
        sweep.put(List.of(line), expected);
    }

    /**
     * Runs the sweep with {@code home} as {@code rocketmq.home.dir}, writes every output to
     * {@code target/mqadmin5-sweep.txt} (the batch's whole output, with each command's milliseconds, to
     * {@code target/mqadmin5-sweep-batch.txt}), and returns the commands that failed or printed without their expected
     * text, with what they printed (empty: none). A command expected to be refused as 5.x-only may log its failure.
     */
    private static String sweep(Path home, Map<List<String>, String> sweep) throws IOException, InterruptedException {
        List<List<String>> lines = new ArrayList<>(sweep.keySet());
        List<String> outputs = run(home, lines);
        StringBuilder failures = new StringBuilder();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String shown = String.join(" ", lines.get(i));
            String out = outputs.get(i);
            String expected = sweep.get(lines.get(i));
            all.append("### ").append(shown).append('\n').append(out).append('\n');
            boolean refusal = expected.endsWith("not supported");
            if (out == null || (!refusal && FAILED.matcher(out).find()) || !out.contains(expected)) {
                failures.append("mqadmin ").append(shown).append(":\n").append(out).append('\n');
            }
        }
        Files.writeString(Path.of("target", "mqadmin5-sweep.txt"), all);
        return failures.toString();
    }

    /** The outputs of the command lines, in order; {@code null} for one that never ended. */
    private static List<String> run(Path home, List<List<String>> commands) throws IOException, InterruptedException {
        List<String> text = new ArrayList<>();
        for (List<String> command : commands) {
            text.add(String.join("\t", command) + "\t-n\t" + cluster().namesrvAddr());
        }
        Path file = Files.write(home.resolve("commands.txt"), text, StandardCharsets.UTF_8);
        Path log = home.resolve("batch-output.txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + home.resolve("user"),
                "-Drocketmq.client.logRoot=" + home.resolve("logs"), "-Drocketmq.home.dir=" + home,
                "-cp", System.getProperty("java.class.path"), MqAdmin5Batch.class.getName(), file.toString());
        // In home: consumerStatus writes each client's running info under the working directory.
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the mqadmin batch hangs");
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(Path.of("target", "mqadmin5-sweep-batch.txt"), output);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            String begin = MqAdmin5Batch.BEGIN + i + "\n";
            int from = output.indexOf(begin);
            int to = output.indexOf(MqAdmin5Batch.END + i + " ");
            outputs.add(from < 0 || to < 0 ? null : output.substring(from + begin.length(), to).strip());
        }
        return outputs;
    }
}
