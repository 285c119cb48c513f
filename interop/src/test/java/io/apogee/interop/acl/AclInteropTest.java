package io.apogee.interop.acl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.PlainAccessConfig;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.body.ClusterAclVersionInfo;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ACL with the official 4.9.8 client and its {@code AclClientRPCHook}, against Apache RocketMQ 4.9.7 and against
 * ours, each with the same plain_acl.yml under its home: the right keys send and consume; a wrong secret, an unknown
 * key, a missing PUB permission, an admin request of a non-admin account and an unsigned request from an address
 * outside the white list are each refused; a changed file takes effect without a restart; Apache's mqadmin ACL
 * calls change the file. Apache 4.9 answers every refusal SYSTEM_ERROR (1) with its AclException's text; ours
 * NO_PERMISSION (16) with a remark naming the failed check.
 */
class AclInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BROKER = "broker-a";
    private static final String FILE = """
            globalWhiteRemoteAddresses:
            accounts:
              - accessKey: app-user
                secretKey: app-secret-1
                whiteRemoteAddress:
                admin: false
                defaultTopicPerm: DENY
                defaultGroupPerm: DENY
                topicPerms:
                  - AclOrders=PUB|SUB
                  - AclAudit=SUB
                groupPerms:
                  - billing=SUB
              - accessKey: admin-user
                secretKey: admin-secret-1
                whiteRemoteAddress:
                admin: true
            """;
    private static final List<String> TOPICS = List.of("AclOrders", "AclAudit", "AclLater", "AclOps");
    private static final Map<ClusterKind, Side> SIDES = new EnumMap<>(ClusterKind.class);

    /** One implementation's cluster with ACL on, and its home (conf/plain_acl.yml). */
    private record Side(TestCluster cluster, Path home) {
        Path aclFile() {
            return home.resolve("conf").resolve("plain_acl.yml");
        }

        String brokerAddr() {
            return cluster.brokerAddr(BROKER);
        }
    }

    private static synchronized Side side(ClusterKind kind) {
        return SIDES.computeIfAbsent(kind, k -> {
            try {
                Path home = Files.createTempDirectory("acl-" + k.name().toLowerCase(java.util.Locale.ROOT));
                Files.createDirectories(home.resolve("conf"));
                Files.writeString(home.resolve("conf").resolve("plain_acl.yml"), FILE);
                System.setProperty("rocketmq.home.dir", home.toString());
                TestCluster cluster;
                try {
                    cluster = k.builder().clusterName("Acl" + k.name()).brokers(BROKER)
                            .brokerProperty("aclEnable", "true").start();
                } finally {
                    System.clearProperty("rocketmq.home.dir");
                }
                Side side = new Side(cluster, home);
                createTopics(side);
                return side;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the " + k + " cluster with ACL", e);
            }
        });
    }

    private static void createTopics(Side side) throws Exception {
        DefaultMQAdminExt admin = admin(side, "admin-user", "admin-secret-1");
        try {
            for (String topic : TOPICS) {
                admin.createAndUpdateTopicConfig(side.brokerAddr(), new TopicConfig(topic, 1, 1, 6));
            }
            for (String topic : TOPICS) {
                await().atMost(WAIT).ignoreExceptions().until(() -> !admin.examineTopicRouteInfo(topic)
                        .getQueueDatas().isEmpty());
            }
        } finally {
            admin.shutdown();
        }
    }

    @AfterAll
    static synchronized void stop() throws IOException {
        for (Side side : SIDES.values()) {
            side.cluster().close();
            deleteQuietly(side.home());
        }
        SIDES.clear();
    }

    private static RPCHook hook(String ak, String sk) {
        return new AclClientRPCHook(new SessionCredentials(ak, sk));
    }

    private static DefaultMQAdminExt admin(Side side, String ak, String sk) throws MQClientException {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(hook(ak, sk), 15_000);
        admin.setNamesrvAddr(side.cluster().namesrvAddr());
        admin.setInstanceName("acl-admin-" + ak + "-" + System.nanoTime());
        admin.start();
        return admin;
    }

    private static DefaultMQProducer producer(Side side, RPCHook hook) throws MQClientException {
        DefaultMQProducer producer = hook == null ? new DefaultMQProducer("acl-producer")
                : new DefaultMQProducer("acl-producer", hook);
        producer.setNamesrvAddr(side.cluster().namesrvAddr());
        producer.setInstanceName("acl-producer-" + System.nanoTime());
        producer.setSendMsgTimeout(15_000);
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
        return producer;
    }

    private static Message message(String topic) {
        return new Message(topic, "tag", ("acl " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    }

    /** A broker's refusal: its response code and remark. */
    private record Refusal(int code, String remark) {
    }

    /** What the broker answered a refused send. */
    private static Refusal refusedSend(Side side, RPCHook hook, String topic) throws Exception {
        DefaultMQProducer producer = producer(side, hook);
        try {
            MQClientException e = assertThrows(MQClientException.class, () -> producer.send(message(topic)));
            MQBrokerException answer = assertInstanceOf(MQBrokerException.class, e.getCause(), e.toString());
            return new Refusal(answer.getResponseCode(), answer.getErrorMessage());
        } finally {
            producer.shutdown();
        }
    }

    private static void assertRefused(ClusterKind kind, Refusal r, String ours, String apaches) {
        if (kind == ClusterKind.APOGEE) {
            assertEquals(ResponseCode.NO_PERMISSION, r.code(), r.remark());
            assertEquals(ours, r.remark());
        } else {
            assertEquals(ResponseCode.SYSTEM_ERROR, r.code(), r.remark());
            assertTrue(r.remark().contains(apaches), r.remark());
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void theRightKeysSendAndConsume(ClusterKind kind) throws Exception {
        Side side = side(kind);
        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("billing", hook("app-user", "app-secret-1"),
                new AllocateMessageQueueAveragely());
        consumer.setNamesrvAddr(side.cluster().namesrvAddr());
        consumer.setInstanceName("acl-consumer-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("AclOrders", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        DefaultMQProducer producer = producer(side, hook("app-user", "app-secret-1"));
        try {
            consumer.start();
            Message m = message("AclOrders");
            assertEquals(SendStatus.SEND_OK, producer.send(m).getSendStatus());
            String body = new String(m.getBody(), StandardCharsets.UTF_8);
            await().atMost(WAIT).until(() -> received.contains(body));
            DefaultMQAdminExt admin = admin(side, "admin-user", "admin-secret-1");
            try {
                String clientId = admin.examineConsumerConnectionInfo("billing").getConnectionSet().iterator().next()
                        .getClientId();
                assertNotNull(admin.getConsumerRunningInfo("billing", clientId, false),
                        "the broker's own request to the consumer is not judged by its ACL");
            } finally {
                admin.shutdown();
            }
        } finally {
            producer.shutdown();
            consumer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void eachRefusalSaysWhichCheckFailed(ClusterKind kind) throws Exception {
        Side side = side(kind);
        assertRefused(kind, refusedSend(side, hook("app-user", "wrong-secret"), "AclOrders"),
                "ACL: bad signature for accessKey app-user (signed with another secretKey, or the request was"
                        + " changed)", "Check signature failed for accessKey=app-user");
        assertRefused(kind, refusedSend(side, hook("ghost-user", "ghost-secret"), "AclOrders"),
                "ACL: unknown accessKey ghost-user (no such account in plain_acl.yml)", "No acl config for ghost-user");
        assertRefused(kind, refusedSend(side, hook("app-user", "app-secret-1"), "AclAudit"),
                "ACL: accessKey app-user has no PUB permission on topic AclAudit", "No default permission for");
        assertRefused(kind, refusedSend(side, null, "AclOrders"),
                "ACL: the request is not signed (no AccessKey) and 127.0.0.1 is not in globalWhiteRemoteAddresses",
                "No accessKey is configured");
        DefaultMQAdminExt notAdmin = admin(side, "app-user", "app-secret-1");
        try {
            MQClientException e = assertThrows(MQClientException.class, () -> notAdmin.createAndUpdateTopicConfig(
                    side.brokerAddr(), new TopicConfig("AclNotAllowed", 1, 1, 6)));
            assertRefused(kind, new Refusal(e.getResponseCode(), e.getErrorMessage()),
                    "ACL: UPDATE_AND_CREATE_TOPIC (17) needs an admin account, and accessKey app-user is not admin",
                    "Need admin permission for request code=17, but accessKey=app-user is not");
        } finally {
            notAdmin.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void aChangedFileTakesEffectWithoutARestart(ClusterKind kind) throws Exception {
        Side side = side(kind);
        assertRefused(kind, refusedSend(side, hook("app-user", "app-secret-1"), "AclLater"),
                "ACL: accessKey app-user has no PUB permission on topic AclLater", "No default permission for");
        Files.writeString(side.aclFile(), FILE.replace("      - AclAudit=SUB\n",
                "      - AclAudit=SUB\n      - AclLater=PUB\n"));
        DefaultMQProducer producer = producer(side, hook("app-user", "app-secret-1"));
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> producer.send(message("AclLater")).getSendStatus()
                    == SendStatus.SEND_OK);
        } finally {
            producer.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void mqadminAclCallsChangeTheFile(ClusterKind kind) throws Exception {
        Side side = side(kind);
        DefaultMQAdminExt admin = admin(side, "admin-user", "admin-secret-1");
        try {
            PlainAccessConfig ops = new PlainAccessConfig();
            ops.setAccessKey("ops-user");
            ops.setSecretKey("ops-secret-1");
            ops.setDefaultTopicPerm("DENY");
            ops.setDefaultGroupPerm("DENY");
            ops.setTopicPerms(List.of("AclOps=PUB"));
            admin.createAndUpdatePlainAccessConfig(side.brokerAddr(), ops);
            assertTrue(Files.readString(side.aclFile()).contains("ops-user"), "the account is in the file");
            DefaultMQProducer producer = producer(side, hook("ops-user", "ops-secret-1"));
            try {
                await().atMost(WAIT).ignoreExceptions().until(() -> producer.send(message("AclOps"))
                        .getSendStatus() == SendStatus.SEND_OK);
            } finally {
                producer.shutdown();
            }
            ClusterAclVersionInfo version = admin.examineBrokerClusterAclVersionInfo(side.brokerAddr());
            assertEquals(BROKER, version.getBrokerName());
            assertNotNull(version.getAllAclConfigDataVersion());

            admin.deletePlainAccessConfig(side.brokerAddr(), "ops-user");
            Refusal gone = refusedSend(side, hook("ops-user", "ops-secret-1"), "AclOps");
            assertRefused(kind, gone, "ACL: unknown accessKey ops-user (no such account in plain_acl.yml)",
                    "No acl config for ops-user");

            admin.updateGlobalWhiteAddrConfig(side.brokerAddr(), "10.10.10.*");
            assertTrue(Files.readString(side.aclFile()).contains("10.10.10.*"), "the white list is in the file");
        } finally {
            admin.shutdown();
        }
    }

    /** Our own client library signs the same way. */
    @Test
    void ourClientSignsWithItsAclClientRpcHook() throws Exception {
        Side side = side(ClusterKind.APOGEE);
        io.apogee.client.producer.DefaultMQProducer producer = new io.apogee.client.producer.DefaultMQProducer(
                "acl-apogee-producer", new io.apogee.client.acl.AclClientRPCHook(
                        new io.apogee.client.acl.SessionCredentials("app-user", "app-secret-1")));
        producer.setNamesrvAddr(side.cluster().namesrvAddr());
        producer.setInstanceName("acl-apogee-" + System.nanoTime());
        producer.setSendMsgTimeout(15_000);
        producer.start();
        try {
            io.apogee.common.message.Message m = new io.apogee.common.message.Message("AclOrders",
                    "ours".getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).ignoreExceptions().until(() -> producer.send(m).getSendStatus()
                    == io.apogee.client.producer.SendStatus.SEND_OK);
        } finally {
            producer.shutdown();
        }
    }

    private static void deleteQuietly(Path home) throws IOException {
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
