package io.apogee.interop.tools;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.common.message.Message;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.DataVersion;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBodyCodec;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.UnregisterBrokerRequestHeader;
import io.apogee.testsupport.FreePorts;
import io.apogee.testsupport.TestCluster;
import io.apogee.tools.admin.MQAdminStartup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our mqadmin against our NameServer and broker: RocketMQ's sub-command names, options and output shapes. */
class MqAdminTest {

    private static TestCluster cluster;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.builder().start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Result mqadmin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].equals("help")) {
            all.add("-n");
            all.add(cluster.namesrvAddr());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new MQAdminStartup().run(all.toArray(String[]::new), new PrintStream(out, true),
                new PrintStream(err, true));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result ok(String... args) {
        Result r = mqadmin(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + " failed: " + r.err());
        return r;
    }

    @Test
    void clusterTopicAndMessageCommands() {
        String clusterList = ok("clusterList").out();
        assertTrue(clusterList.startsWith("#Cluster Name"), clusterList);
        assertTrue(clusterList.contains(cluster.brokerAddr("broker-a")), clusterList);

        assertTrue(ok("updateTopic", "-c", cluster.clusterName(), "-t", "AdminTopic", "-r", "4", "-w", "4").out()
                .contains("success"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mqadmin("topicList").out().contains("AdminTopic"));
        assertTrue(ok("topicRoute", "-t", "AdminTopic").out().contains("\"brokerName\":\"broker-a\""));
        assertTrue(ok("topicClusterList", "-t", "AdminTopic").out().contains(cluster.clusterName()));

        String sent = ok("sendMessage", "-t", "AdminTopic", "-p", "hello admin", "-k", "key-1", "-c", "TagA").out();
        assertTrue(sent.contains("SEND_OK"), sent);
        String status = ok("topicStatus", "-t", "AdminTopic").out();
        assertEquals(5, status.lines().count(), status);

        String byKey = ok("queryMsgByKey", "-t", "AdminTopic", "-k", "key-1").out();
        String[] row = byKey.lines().skip(1).findFirst().orElseThrow().split("\\s+");
        String view = ok("queryMsgById", "-i", row[0], "-t", "AdminTopic").out();
        assertTrue(view.contains("hello admin") && view.contains("[TagA]"), view);
        String offsetId = view.lines().filter(l -> l.startsWith("OffsetID:")).findFirst().orElseThrow()
                .split("\\s+")[1];
        assertTrue(ok("queryMsgById", "-i", offsetId).out().contains("hello admin"));
        String byOffset = ok("queryMsgByOffset", "-t", "AdminTopic", "-b", "broker-a", "-i", row[1], "-o", row[2])
                .out();
        assertTrue(byOffset.contains("hello admin"), byOffset);
        assertTrue(ok("consumeMessage", "-t", "AdminTopic", "-c", "5").out().contains("hello admin"));

        assertTrue(ok("deleteTopic", "-c", cluster.clusterName(), "-t", "AdminTopic").out().contains("success"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !mqadmin("topicList").out().contains("AdminTopic"));
    }

    @Test
    void groupBrokerAndKvCommands() {
        assertTrue(ok("updateSubGroup", "-c", cluster.clusterName(), "-g", "AdminGroup", "-r", "3").out()
                .contains("success"));
        assertTrue(ok("deleteSubGroup", "-b", cluster.brokerAddr("broker-a"), "-g", "AdminGroup").out()
                .contains("success"));
        assertTrue(ok("brokerStatus", "-b", cluster.brokerAddr("broker-a")).out().contains("brokerVersionDesc"));
        assertTrue(ok("getBrokerConfig", "-b", cluster.brokerAddr("broker-a")).out().contains("brokerName"));
        ok("updateBrokerConfig", "-b", cluster.brokerAddr("broker-a"), "-k", "defaultQueryMaxNum", "-v", "16");
        assertTrue(mqadmin("getBrokerConfig", "-b", cluster.brokerAddr("broker-a")).out()
                .matches("(?s).*defaultQueryMaxNum\\s+=\\s+16.*"));
        assertTrue(ok("wipeWritePerm", "-b", "broker-a").out().contains("wipe write perm of broker[broker-a]"));
        String route = ok("topicRoute", "-t", "TBW102").out();
        assertTrue(route.contains("\"perm\":5"), route);
        assertTrue(ok("addWritePerm", "-b", "broker-a").out().contains("OK"));
        assertTrue(ok("topicRoute", "-t", "TBW102").out().contains("\"perm\":6"));
        ok("updateKvConfig", "-s", "ns", "-k", "k", "-v", "v");
        ok("deleteKvConfig", "-s", "ns", "-k", "k");
    }

    @Test
    void consumerAndProducerCommandsSeeOnlineClients() throws Exception {
        ok("updateTopic", "-c", cluster.clusterName(), "-t", "ClientsTopic", "-r", "2", "-w", "2");
        await().atMost(Duration.ofSeconds(30)).until(() -> mqadmin("topicRoute", "-t", "ClientsTopic").code() == 0);
        DefaultMQProducer producer = new DefaultMQProducer("AdminPg");
        producer.setNamesrvAddr(cluster.namesrvAddr());
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("AdminCg");
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.subscribe("ClientsTopic", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context)
                -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        try {
            producer.start();
            consumer.start();
            producer.send(new Message("ClientsTopic", "x".getBytes(StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(30)).until(() -> mqadmin("consumerConnection", "-g", "AdminCg").out()
                    .contains("ClientsTopic"));
            assertTrue(ok("consumerConnection", "-g", "AdminCg").out().contains("CLUSTERING"));
            assertTrue(ok("producerConnection", "-g", "AdminPg", "-t", "ClientsTopic").out().contains("JAVA"));
            String reset = ok("resetOffsetByTime", "-g", "AdminCg", "-t", "ClientsTopic", "-s", "now").out();
            assertTrue(reset.startsWith("#brokerName") && reset.contains("broker-a"), reset);
            assertTrue(ok("consumerProgress", "-g", "AdminCg").out().contains("Diff Total:"));
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    /**
     * A broker the NameServer lists but that does not answer (registered by hand at an address where nothing
     * listens, in a cluster of its own) keeps its clusterList row with the error, and the command fails naming it.
     */
    @Test
    void clusterListShowsABrokerThatDoesNotAnswerAndFails() throws Exception {
        String phantomAddr = "127.0.0.1:" + FreePorts.any();
        NettyRemotingClient registrar = new NettyRemotingClient(new NettyClientConfig(), null);
        registrar.start();
        try {
            byte[] body = RegisterBrokerBodyCodec.encode(new RegisterBrokerBody(new TopicConfigSerializeWrapper(
                    Map.of(), new DataVersion(1, System.currentTimeMillis())), List.of()), false);
            RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader("PhantomCluster", "broker-phantom",
                    0, phantomAddr, phantomAddr).body(false, RegisterBrokerBodyCodec.crc32(body));
            assertEquals(ResponseCode.SUCCESS, registrar.invokeSync(cluster.namesrvAddr(),
                    RemotingCommand.request(RequestCode.REGISTER_BROKER, header).body(body), 15_000).code());

            Result all = mqadmin("clusterList");
            assertEquals(1, all.code(), all.out());
            String phantomRow = all.out().lines().filter(l -> l.contains("broker-phantom")).findFirst()
                    .orElseThrow(() -> new AssertionError(all.out()));
            assertTrue(phantomRow.startsWith("PhantomCluster") && phantomRow.contains(phantomAddr)
                    && phantomRow.contains("ERROR: "), phantomRow);
            assertTrue(all.out().lines().anyMatch(l -> l.contains(cluster.brokerAddr("broker-a"))
                    && l.contains("V4_9_8")), all.out());
            assertEquals(1, all.err().strip().lines().count(), all.err());
            assertTrue(all.err().startsWith("mqadmin clusterList: broker broker-phantom at " + phantomAddr
                    + " failed: "), all.err());

            assertEquals(1, mqadmin("clusterList", "-m").code());
            Result ours = ok("clusterList", "-c", cluster.clusterName());
            assertFalse(ours.out().contains("broker-phantom"), ours.out());
        } finally {
            registrar.invokeSync(cluster.namesrvAddr(), RemotingCommand.request(RequestCode.UNREGISTER_BROKER,
                    new UnregisterBrokerRequestHeader("PhantomCluster", "broker-phantom", 0, phantomAddr)), 15_000);
            registrar.shutdown();
        }
    }

    @Test
    void errorsAreOneClearLineAndANonZeroExit() {
        Result noRoute = mqadmin("topicRoute", "-t", "NoSuchTopic");
        assertEquals(1, noRoute.code());
        assertEquals("mqadmin topicRoute: No route for topic NoSuchTopic: create it with updateTopic or enable "
                + "autoCreateTopicEnable", noRoute.err().strip());

        Result unknown = mqadmin("noSuchCommand");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("mqadmin: unknown command 'noSuchCommand'"), unknown.err());

        Result missing = mqadmin("updateTopic", "-c", cluster.clusterName());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("Missing required option: t"), missing.err());

        Result help = mqadmin("help", "updateTopic");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("readQueueNums"), help.out());
    }
}
