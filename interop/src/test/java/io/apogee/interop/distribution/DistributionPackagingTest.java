package io.apogee.interop.distribution;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.distribution.Distribution.Result;
import io.apogee.interop.distribution.Distribution.Server;
import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance, as an operator runs it: the tarball unpacked into a temp dir, {@code bin/mqnamesrv} and
 * {@code bin/mqbroker} started as real processes with the shipped conf files (plus free ports), Apache 4.9.8's
 * producer and push consumer sending and receiving, Apache's {@code mqadmin} in child JVMs (ROCKETMQ_HOME = the
 * installation, for its {@code conf/logback_tools.xml}) and the tarball's own {@code bin/mqadmin},
 * {@code bin/mqshutdown} stopping both gracefully, and a restart that still serves every message.
 */
class DistributionPackagingTest {

    private static final String TOPIC = "DistTopic";
    private static final int MESSAGES = 20;
    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void tarballServersWorkWithApacheClientAndMqadminAndKeepMessagesAcrossShutdown() throws Exception {
        Distribution dist = Distribution.unpack(tmp);
        int namesrvPort = FreePorts.any();
        int brokerPort = FreePorts.forBroker();
        String namesrv = "127.0.0.1:" + namesrvPort;
        Path namesrvConf = shippedConfWith(dist, "namesrv.properties", Map.of("listenPort", namesrvPort,
                "kvConfigPath", tmp.resolve("namesrv/kvConfig.json"),
                "configStorePath", tmp.resolve("namesrv/namesrv.properties")));
        Path brokerConf = shippedConfWith(dist, "broker.conf", Map.of("listenPort", brokerPort,
                "brokerIP1", "127.0.0.1", "storePathRootDir", tmp.resolve("store"),
                "mappedFileSizeCommitLog", 32 * 1024 * 1024));
        Map<String, String> env = dist.environment();
        List<String> sentIds = new ArrayList<>();

        try (Server ns = dist.start("namesrv", env, "mqnamesrv", "-c", namesrvConf.toString())) {
            ns.awaitOutput("The Name Server boot success. listenPort=" + namesrvPort, START);
            try (Server broker = dist.start("broker", env, "mqbroker", "-c", brokerConf.toString(), "-n", namesrv)) {
                broker.awaitOutput("boot success", START);
                exercise(dist, namesrv, brokerPort, broker, sentIds);
                stop(dist, env, "broker", broker);
            }
            stop(dist, env, "namesrv", ns);
        }
        String brokerLog = Files.readString(dist.home().resolve("logs/broker-broker-a-0.log"));
        assertTrue(brokerLog.contains("broker broker-a stopped"), brokerLog);
        assertTrue(brokerLog.contains("broker broker-a of cluster DefaultCluster starting: Apogee ")
                && brokerLog.contains("role ASYNC_MASTER (brokerId 0)") && brokerLog.contains("non-default keys: "),
                brokerLog);
        assertTrue(brokerLog.contains(" of group dist-group connected from ")
                && brokerLog.contains(" of group dist-group at "), "consumer connect and disconnect: " + brokerLog);
        assertTrue(Files.readString(dist.home().resolve("logs/namesrv-" + namesrvPort + ".log"))
                .contains("NameServer stopped"));

        try (Server ns = dist.start("namesrv-2", env, "mqnamesrv", "-c", namesrvConf.toString())) {
            ns.awaitOutput("boot success", START);
            try (Server broker = dist.start("broker-2", env, "mqbroker", "-c", brokerConf.toString(), "-n",
                    namesrv)) {
                broker.awaitOutput("boot success", START);
                assertEquals(keys(), consumeAll(namesrv, "dist-after-restart"), "messages after a restart");
                Result byKey = mqadmin(dist, "queryMsgByKey", "-n", namesrv, "-t", TOPIC, "-k", "key-3");
                assertTrue(byKey.output().contains(sentIds.get(3)), byKey.output());
                stop(dist, env, "broker", broker);
            }
            stop(dist, env, "namesrv", ns);
        }
    }

    /** Apache's client and mqadmin against the running pair. */
    private void exercise(Distribution dist, String namesrv, int brokerPort, Server broker, List<String> sentIds)
            throws Exception {
        assertTrue(broker.output().contains("127.0.0.1:" + brokerPort), broker.output());
        assertFalse(broker.output().contains("warning"), "shipped broker.conf has unknown keys: "
                + broker.output());

        // Apache's mqadmin waits 5 s for an answer; the first request to a fresh broker JVM on a loaded machine can
        // take longer (seen with two CPU burners beside the suite), and creating a topic again is harmless.
        await("updateTopic " + TOPIC).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Result created = mqadmin(dist, "updateTopic", "-n", namesrv, "-c", "DefaultCluster", "-t", TOPIC,
                    "-r", "4", "-w", "4");
            assertTrue(created.output().contains("success"), created.output());
        });
        Result cluster = mqadmin(dist, "clusterList", "-n", namesrv);
        assertTrue(cluster.output().contains("DefaultCluster") && cluster.output().contains("broker-a")
                && cluster.output().contains("127.0.0.1:" + brokerPort), cluster.output());
        await("route of " + TOPIC).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> mqadmin(dist, "topicRoute", "-n", namesrv, "-t", TOPIC).output()
                        .contains("\"127.0.0.1:" + brokerPort + "\""));
        Result route = mqadmin(dist, "topicRoute", "-n", namesrv, "-t", TOPIC);
        assertTrue(route.output().contains("\"readQueueNums\":4") && route.output().contains("broker-a"),
                route.output());

        sentIds.addAll(send(namesrv));
        String group = "dist-group";
        assertEquals(keys(), consumeAll(namesrv, group));
        Result progress = mqadmin(dist, "consumerProgress", "-n", namesrv, "-g", group);
        assertTrue(progress.output().contains(TOPIC) && progress.output().contains("Diff Total: 0"),
                progress.output());
        Result byKey = mqadmin(dist, "queryMsgByKey", "-n", namesrv, "-t", TOPIC, "-k", "key-7");
        assertTrue(byKey.output().contains(sentIds.get(7)), byKey.output());

        Result ours = dist.run(dist.environment(), "mqadmin", "clusterList", "-n", namesrv);
        assertEquals(0, ours.exitCode(), ours.output());
        assertTrue(ours.output().contains("broker-a") && ours.output().contains("127.0.0.1:" + brokerPort),
                "bin/mqadmin clusterList: " + ours.output());
        Result oursRoute = dist.run(dist.environment(), "mqadmin", "topicRoute", "-n", namesrv, "-t", TOPIC);
        assertTrue(oursRoute.exitCode() == 0 && oursRoute.output().contains("\"readQueueNums\":4"),
                "bin/mqadmin topicRoute: " + oursRoute.output());
        Result oursProgress = dist.run(dist.environment(), "mqadmin", "consumerProgress", "-n", namesrv, "-g", group);
        assertTrue(oursProgress.exitCode() == 0 && oursProgress.output().contains("Diff Total: 0"),
                "bin/mqadmin consumerProgress: " + oursProgress.output());
        Result oursByKey = dist.run(dist.environment(), "mqadmin", "queryMsgByKey", "-n", namesrv, "-t", TOPIC,
                "-k", "key-7");
        assertTrue(oursByKey.exitCode() == 0 && oursByKey.output().contains(sentIds.get(7)),
                "bin/mqadmin queryMsgByKey: " + oursByKey.output());
        Result oursCreated = dist.run(dist.environment(), "mqadmin", "updateTopic", "-n", namesrv, "-c",
                "DefaultCluster", "-t", TOPIC + "_ours", "-r", "2", "-w", "2");
        assertTrue(oursCreated.exitCode() == 0 && oursCreated.output().contains("success"),
                "bin/mqadmin updateTopic: " + oursCreated.output());
    }

    /** The shipped conf file with test values appended (a properties file's last value wins). */
    private Path shippedConfWith(Distribution dist, String name, Map<String, Object> overrides) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(dist.home().resolve("conf").resolve(name)));
        text.append("\n# test overrides\n");
        overrides.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return Files.writeString(tmp.resolve(name), text);
    }

    /** {@code bin/mqshutdown <role>}: it says the server stopped, the JVM exited by SIGTERM after its hooks. */
    private static void stop(Distribution dist, Map<String, String> env, String role, Server server)
            throws Exception {
        Result result = dist.run(env, "mqshutdown", role);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("mq" + role + " (pid " + server.pid() + ") stopped"), result.output());
        // The JVM has exited once mqshutdown returns; it may still be a zombie until this JVM's reaper collects it.
        assertFalse(runsStill(server.pid()), "mqshutdown returned while the server still runs");
        assertEquals(143, server.awaitExit(Duration.ofSeconds(30)), "exit code after SIGTERM: " + server.output());
        assertFalse(server.output().contains("Exception"), server.output());
    }

    private static List<String> send(String namesrv) throws Exception {
        DefaultMQProducer producer = ApacheClients.producer(namesrv, "dist-producer");
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                Message message = new Message(TOPIC, "TagA", "key-" + i, ("body-" + i).getBytes(StandardCharsets.UTF_8));
                SendResult result = producer.send(message);
                assertEquals(SendStatus.SEND_OK, result.getSendStatus());
                ids.add(result.getMsgId());
            }
            return ids;
        } finally {
            producer.shutdown();
        }
    }

    /** Consumes from the first offset until every key arrived, then shuts down (committing the offsets). */
    private static Set<String> consumeAll(String namesrv, String group) throws Exception {
        Set<String> received = new ConcurrentSkipListSet<>();
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(namesrv, group);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently)
                (messages, context) -> {
                    messages.forEach(m -> received.add(m.getKeys()));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        consumer.start();
        try {
            await(group + " receiving " + MESSAGES + " messages").atMost(Duration.ofSeconds(30))
                    .until(() -> received.size() >= MESSAGES);
        } finally {
            consumer.shutdown();
        }
        return new TreeSet<>(received);
    }

    private static Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            keys.add("key-" + i);
        }
        return keys;
    }

    /**
     * Apache's {@code mqadmin} ({@code MQAdminStartup}) in a child JVM with ROCKETMQ_HOME = the installation; its
     * client log goes under the temp dir.
     */
    private Result mqadmin(Distribution dist, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + tmp.resolve("mqadmin-home"),
                "-cp", System.getProperty("java.class.path"), "org.apache.rocketmq.tools.command.MQAdminStartup"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ROCKETMQ_HOME", dist.home().toString());
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "mqadmin " + args[0] + " hangs");
            assertEquals(0, process.exitValue(), "mqadmin " + String.join(" ", args) + ": " + output);
            return new Result(0, output);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Whether the process is there and not a zombie (an exited child not yet reaped). */
    private static boolean runsStill(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text;
        try {
            text = Files.readString(stat);
        } catch (NoSuchFileException e) {
            return false;
        }
        // "pid (comm) state ...": comm may hold spaces, so the state follows the last ')'.
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }
}
