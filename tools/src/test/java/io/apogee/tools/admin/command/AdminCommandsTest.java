package io.apogee.tools.admin.command;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import io.apogee.testsupport.TestCluster;
import io.apogee.tools.admin.MQAdminStartup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our mqadmin's sub-commands beyond the basic ones, against one embedded NameServer and broker: before the tests a
 * traced producer has sent messages that a push consumer, still online, has consumed and committed. Each command is
 * checked for its exit status and the shape of what it prints, and bad input for its one-line error.
 */
class AdminCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "CmdTopic";
    private static final String GROUP = "CmdGroup";
    private static final String PRODUCER_GROUP = "CmdProducer";
    private static final int MESSAGES = 6;

    private static TestCluster cluster;
    private static DefaultMQAdminExt admin;
    private static DefaultMQProducer producer;
    private static DefaultMQPushConsumer consumer;
    private static final List<SendResult> sent = new ArrayList<>();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().brokerProperty("traceTopicEnable", "true").start();
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.start();
        ok("updateTopic", "-c", cluster.clusterName(), "-t", TOPIC, "-r", "4", "-w", "4");
        await().atMost(WAIT).until(() -> mqadmin("topicRoute", "-t", TOPIC).code() == 0);
        producer = new DefaultMQProducer(PRODUCER_GROUP, true);
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.start();
        for (int i = 0; i < MESSAGES; i++) {
            sent.add(producer.send(new Message(TOPIC, i % 2 == 0 ? "TagA" : "TagB", "cmd-key-" + i,
                    ("cmd body " + i).getBytes(StandardCharsets.UTF_8))));
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        consumer = new DefaultMQPushConsumer(GROUP);
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> received.add(m.getKeys()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        await().atMost(WAIT).until(() -> received.size() == MESSAGES);
        await().atMost(WAIT).ignoreExceptions().until(() -> admin.consumerProgress(GROUP).diffTotal().orElse(-1)
                == 0);
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
        cluster.close();
    }

    private static Result mqadmin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-n");
        all.add(cluster.namesrvAddr());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new MQAdminStartup().run(all.toArray(String[]::new), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String ok(String... args) {
        Result r = mqadmin(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + " failed: " + r.err());
        return r.out();
    }

    /** The command fails with one line naming it and containing {@code expected}. */
    private static void fails(String expected, String... args) {
        Result r = mqadmin(args);
        assertEquals(1, r.code(), () -> String.join(" ", args) + " should fail: " + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("mqadmin " + args[0] + ": ") && r.err().contains(expected), r.err());
    }

    private static String broker() {
        return cluster.brokerAddr("broker-a");
    }

    @Test
    void topicCommands() {
        String c = cluster.clusterName();
        ok("updateTopic", "-c", c, "-t", "CmdTopic2", "-r", "2", "-w", "2");
        assertTrue(ok("updateTopicPerm", "-c", c, "-t", "CmdTopic2", "-p", "4")
                .contains("update topic perm from 6 to 4"));
        fails("-p must be 2 (write), 4 (read) or 6 (read-write), not 5", "updateTopicPerm", "-c", c, "-t",
                "CmdTopic2", "-p", "5");
        fails("-r must be a number, not 'x'", "updateTopic", "-c", c, "-t", "CmdTopic2", "-r", "x");
        String list = ok("topicRoute", "-t", TOPIC, "-l");
        assertTrue(list.startsWith("#ClusterName") && list.contains("Total:"), list);

        assertTrue(ok("updateOrderConf", "-t", "CmdTopic2", "-m", "put", "-v", "broker-a:2").contains("success"));
        assertTrue(ok("updateOrderConf", "-t", "CmdTopic2", "-m", "get").contains("orderConf=[broker-a:2]"));
        assertTrue(ok("updateOrderConf", "-t", "CmdTopic2", "-m", "delete").contains("delete orderConf success"));
        fails("put needs -v", "updateOrderConf", "-t", "CmdTopic2", "-m", "put");
        fails("-m must be put, get or delete", "updateOrderConf", "-t", "CmdTopic2", "-m", "list");

        JSONObject result = JSON.parseObject(ok("allocateMQ", "-t", TOPIC, "-i", "10.0.0.2,10.0.0.1"))
                .getJSONObject("result");
        assertEquals(Set.of("10.0.0.1", "10.0.0.2"), result.keySet());
        assertEquals(4, result.getJSONArray("10.0.0.1").size() + result.getJSONArray("10.0.0.2").size());
        ok("deleteTopic", "-c", c, "-t", "CmdTopic2");
    }

    @Test
    void groupConsumerAndProducerCommands() throws Exception {
        String config = ok("getConsumerConfig", "-g", GROUP);
        assertTrue(config.contains(cluster.clusterName() + ":broker-a") && config.contains("retryMaxTimes"), config);
        fails("no master broker has a subscription group named NoSuchGroup", "getConsumerConfig", "-g",
                "NoSuchGroup");

        String all = ok("consumerProgress");
        assertTrue(all.startsWith("#Group") && all.lines().anyMatch(l -> l.startsWith(GROUP + " ")
                && l.contains("CLUSTERING")), all);
        assertTrue(ok("consumerProgress", "-g", GROUP, "-s", "true").contains("#Client IP"));
        fails("consumer group NeverGroup has never had a consumer online", "consumerProgress", "-g", "NeverGroup");
        assertTrue(ok("consumerConnection", "-g", GROUP, "-b", broker()).contains(TOPIC));

        String status = ok("consumerStatus", "-g", GROUP);
        assertTrue(status.contains("Same subscription in the same group of consumer")
                && status.contains("Rebalance OK"), status);
        String clientId = admin.examineConsumerConnectionInfo(GROUP).getConnectionSet().iterator().next()
                .getClientId();
        String one = ok("consumerStatus", "-g", GROUP, "-i", clientId);
        assertTrue(one.contains("#Consumer Subscription#") && one.contains(TOPIC), one);

        assertTrue(ok("producer", "-b", broker()).contains("producer group (" + PRODUCER_GROUP + ")"));

        ok("updateSubGroup", "-c", cluster.clusterName(), "-g", "CmdGroup2");
        String deleted = ok("deleteSubGroup", "-c", cluster.clusterName(), "-g", "CmdGroup2", "-r", "true");
        assertTrue(deleted.contains("delete subscription group [CmdGroup2]")
                && deleted.contains("delete topic [%RETRY%CmdGroup2]") && deleted.contains("[%DLQ%CmdGroup2]"),
                deleted);
        fails("-i must be a number, not 'x'", "clusterList", "-i", "x");
    }

    @Test
    void offsetCommands() throws Exception {
        MessageQueue q0 = new MessageQueue(TOPIC, "broker-a", 0);
        assertTrue(ok("cloneGroupOffset", "-s", GROUP, "-d", "CmdClone", "-t", TOPIC).contains("success"));
        assertEquals(admin.queryConsumerOffset(GROUP, q0), admin.queryConsumerOffset("CmdClone", q0));
        String reset = ok("resetOffsetByTime", "-g", "CmdClone", "-t", TOPIC, "-s", "0");
        assertTrue(reset.startsWith("#brokerName"), reset);
        assertEquals(0, admin.queryConsumerOffset("CmdClone", q0));
        ok("skipAccumulatedMessage", "-g", "CmdClone", "-t", TOPIC);
        assertEquals(admin.topicStatus(TOPIC).queues().stream().filter(s -> s.queue().equals(q0)).findFirst()
                .orElseThrow().maxOffset(), admin.queryConsumerOffset("CmdClone", q0));
        fails("-s: timestamp must be", "resetOffsetByTime", "-g", GROUP, "-t", TOPIC, "-s", "yesterday");
        fails("-f must be true or false", "skipAccumulatedMessage", "-g", GROUP, "-t", TOPIC, "-f", "maybe");
    }

    @Test
    void brokerAndStatsCommands() {
        String stats = ok("brokerConsumeStats", "-b", broker());
        assertTrue(stats.lines().anyMatch(l -> l.startsWith(TOPIC + " ") && l.contains(GROUP))
                && stats.contains("Diff Total: "), stats);
        assertTrue(ok("cleanExpiredCQ", "-b", broker()).contains("success"));
        assertTrue(ok("cleanUnusedTopic", "-c", cluster.clusterName()).contains("success"));
        assertTrue(ok("deleteExpiredCommitLog", "-b", broker()).contains("success"));
        fails("give a broker address with -b or a cluster name with -c", "cleanUnusedTopic");

        String all = ok("statsAll");
        assertTrue(all.lines().anyMatch(l -> l.startsWith(TOPIC + " ") && l.contains(GROUP)), all);
        assertTrue(ok("statsAll", "-t", TOPIC).lines().skip(1).allMatch(l -> l.startsWith(TOPIC)));

        String rt = ok("checkMsgSendRT", "-t", TOPIC, "-a", "3", "-s", "16");
        assertEquals(5, rt.lines().count(), rt);
        assertTrue(rt.contains("Avg RT:"), rt);
        fails("a message size must be at least 1 byte", "checkMsgSendRT", "-t", TOPIC, "-s", "0");
        String status = ok("sendMsgStatus", "-b", "broker-a", "-c", "2");
        assertEquals(2, status.lines().filter(l -> l.contains("SEND_OK")).count(), status);
    }

    @Test
    void clusterRtPrintsARoundPerBroker() throws Exception {
        ClusterRtCommand command = new ClusterRtCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AdminSession session = new AdminSession(cluster.namesrvAddr(), new PrintStream(out, true,
                StandardCharsets.UTF_8))) {
            ClusterRtCommand.round(new DefaultParser().parse(command.options(), new String[] {"-a", "3"}), session,
                    true);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("#Cluster Name"), lines.toString());
        assertTrue(lines.get(1).strip().matches(cluster.clusterName() + "\\s+broker-a\\s+[0-9.]+\\s+3\\s+0"),
                lines.get(1));
    }

    @Test
    void startMonitoringReportsAGroupThatIsBehind() throws Exception {
        DefaultMQPushConsumer gone = new DefaultMQPushConsumer("CmdLagGroup");
        gone.setNamesrvAddr(cluster.namesrvAddr());
        gone.subscribe(TOPIC, "*");
        gone.registerMessageListener((MessageListenerConcurrently) (msgs, context)
                -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        gone.start();
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> admin.consumerProgress("CmdLagGroup").queues()
                    .stream().filter(q -> q.queue().getTopic().equals(TOPIC)).count() == 4);
        } finally {
            gone.shutdown();
        }
        producer.send(new Message(TOPIC, "behind".getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AdminSession session = new AdminSession(cluster.namesrvAddr(), new PrintStream(out, true,
                StandardCharsets.UTF_8))) {
            StartMonitoringCommand.round(session);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("reportUndoneMsgs: UndoneMsgs [consumerGroup=CmdLagGroup,"
                + " topic=" + TOPIC + ", undoneMsgsTotal=")), report);
        assertTrue(report.lines().noneMatch(l -> l.contains("consumerGroup=" + GROUP + ",")
                && l.contains("undoneMsgsTotal=0")), report);
    }

    @Test
    void messageCommands() {
        SendResult last = sent.get(MESSAGES - 1);
        String byUnique = ok("queryMsgByUniqueKey", "-i", last.getMsgId(), "-t", TOPIC);
        assertTrue(byUnique.contains("cmd body " + (MESSAGES - 1)), byUnique);
        fails("no message with unique key NOPE", "queryMsgByUniqueKey", "-i", "NOPE", "-t", TOPIC);
        await().atMost(WAIT).until(() -> mqadmin("queryMsgTraceById", "-i", last.getMsgId()).code() == 0);
        String trace = ok("queryMsgTraceById", "-i", last.getMsgId());
        assertTrue(trace.lines().anyMatch(l -> l.startsWith("Pub") && l.contains(PRODUCER_GROUP)
                && l.contains("success")), trace);

        String tagged = ok("printMsg", "-t", TOPIC, "-s", "TagA", "-d", "true");
        assertEquals(MESSAGES / 2, tagged.lines().filter(l -> l.startsWith("MSGID:")).count(), tagged);
        assertTrue(tagged.lines().filter(l -> l.startsWith("MSGID:")).allMatch(l -> l.contains("tags=TagA")
                && l.contains("BODY: cmd body")), tagged);
        int queue = sent.get(0).getMessageQueue().getQueueId();
        String counted = ok("printMsgByQueue", "-t", TOPIC, "-a", "broker-a", "-i", String.valueOf(queue), "-f",
                "true");
        assertTrue(counted.contains("Tag: TagA"), counted);
        fails("-c: unknown charset NOPE", "printMsg", "-t", TOPIC, "-c", "NOPE");

        String cq = ok("queryCq", "-t", TOPIC, "-q", String.valueOf(queue), "-i", "0", "-c", "1");
        assertTrue(cq.contains("idx: 0") && cq.contains("physicOffset="), cq);

        String window = ok("consumeMessage", "-t", TOPIC, "-g", "CmdReader", "-s", "0", "-e",
                String.valueOf(System.currentTimeMillis() + 60_000), "-c", "2");
        assertEquals(2, window.lines().filter(l -> l.startsWith("MSGID:")).count(), window);
        fails("-b (broker) and -i (queue id) go together", "sendMessage", "-t", TOPIC, "-p", "x", "-b", "broker-a");
        assertTrue(ok("sendMessage", "-t", TOPIC, "-p", "traced", "-m", "true").contains("SEND_OK"));
    }

    @Test
    void namesrvConfigAndExportCommands() throws Exception {
        assertTrue(ok("getNamesrvConfig").contains("listenPort"));
        assertTrue(ok("updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "false").contains("success"));

        String c = cluster.clusterName();
        assertTrue(ok("exportMetadata", "-c", c, "-f", dir.toString()).contains("success"));
        JSONObject metadata = JSON.parseObject(Files.readString(dir.resolve("metadata.json")));
        assertTrue(metadata.getJSONObject("topicConfigTable").containsKey(TOPIC), metadata.toString());
        assertTrue(metadata.getJSONObject("subscriptionGroupTable").containsKey(GROUP), metadata.toString());
        ok("exportConfigs", "-c", c, "-f", dir.toString());
        assertEquals("broker-a", JSON.parseObject(Files.readString(dir.resolve("configs.json")))
                .getJSONObject("brokerConfigs").getJSONObject("broker-a").getString("brokerName"));
        ok("exportMetrics", "-c", c, "-f", dir.toString());
        assertTrue(Files.readString(dir.resolve("metrics.json")).contains("msgPutTotalTodayNow"));
        fails("No broker of a cluster named NoCluster", "exportConfigs", "-c", "NoCluster", "-f", dir.toString());
    }
}
