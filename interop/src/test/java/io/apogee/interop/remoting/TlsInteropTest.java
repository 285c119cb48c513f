package io.apogee.interop.remoting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TempDirs;
import io.apogee.testsupport.TestCluster;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.apache.rocketmq.remoting.exception.RemotingSendRequestException;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official 4.9.8 producer and push consumer over TLS against our NameServer and broker, each in a child JVM
 * configured the way RocketMQ is: {@code -Dtls.server.mode} and a {@code tls.config.file} naming PEM files. The
 * official clients check the server certificate ({@code tls.client.authServer} with a trust certificate, test mode
 * off), and so does our broker towards our NameServer. In enforcing mode a plain-text client is refused with a
 * remark saying why, which the official client logs; in permissive mode both kinds send and consume.
 *
 * <p>The certificate is made here by the JDK's keytool (self-signed, CN=localhost) and written out as PEM with a
 * PKCS#8 key. The official client reads its TLS settings from {@link TlsSystemConfig}'s static fields (filled from
 * system properties when the class loads); the test sets the fields while it builds its clients and restores them,
 * so nothing JVM-wide changes for other tests.
 */
class TlsInteropTest {

    private static final String PASSWORD = "changeit";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Path dir;
    private static Path serverCert;
    private static Path tlsFile;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        ApacheClients.clientWarnings(); // sets the official client's log directory before its logger starts
        dir = TempDirs.create("apogee-tls-interop-");
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process keytoolRun = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        keytoolRun.getInputStream().transferTo(System.out);
        assertTrue(keytoolRun.waitFor(60, TimeUnit.SECONDS) && keytoolRun.exitValue() == 0, "keytool failed");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        serverCert = dir.resolve("server.pem");
        Path serverKey = dir.resolve("server.key");
        Files.writeString(serverCert, pem("CERTIFICATE", keys.getCertificate("server").getEncoded()));
        Files.writeString(serverKey, pem("PRIVATE KEY", keys.getKey("server", PASSWORD.toCharArray()).getEncoded()));
        tlsFile = dir.resolve("tls.properties");
        Files.writeString(tlsFile, "tls.server.certPath=" + serverCert + "\ntls.server.keyPath=" + serverKey
                + "\ntls.test.mode.enable=false\ntls.client.authServer=true\ntls.client.trustCertPath=" + serverCert
                + "\n");
    }

    @AfterAll
    static void deleteCertificate() {
        TempDirs.delete(dir);
    }

    @AfterEach
    void closeClientsThenServers() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    @Test
    void enforcingServesTlsClientsAndRefusesPlainText() throws Exception {
        TestCluster cluster = cluster("enforcing");
        String topic = "TlsEnforcing_" + System.nanoTime() % 100_000;
        DefaultMQProducer tlsProducer = producer(cluster, true);
        awaitRegistered(tlsProducer);
        assertEquals(SendStatus.SEND_OK, tlsProducer.send(new Message(topic, "over TLS".getBytes(StandardCharsets.UTF_8)))
                .getSendStatus());
        Set<String> received = consume(cluster, topic, true);
        await("the TLS consumer receives the message").atMost(PATIENCE).until(() -> received.contains("over TLS"));

        DefaultMQProducer plain = producer(cluster, false);
        // The client reads the refusal as "no route", or (when its request went out on a connection the NameServer
        // had just closed after refusing an earlier one) fails the route query's write: refused either way.
        Exception refused = assertThrows(Exception.class,
                () -> plain.send(new Message(topic, "plain".getBytes(StandardCharsets.UTF_8))));
        assertTrue(refused instanceof MQClientException && refused.getMessage().contains("No route info of this topic")
                || refused instanceof IllegalStateException
                        && refused.getCause() instanceof RemotingSendRequestException, refused::toString);
        Path clientLog = Path.of(System.getProperty("rocketmq.client.logRoot"), "rocketmq_client.log");
        await("the official client logs why the NameServer refused it").atMost(PATIENCE)
                .until(() -> Files.exists(clientLog) && Files.readString(clientLog).contains(
                        "accepts TLS connections only (tls.server.mode=enforcing): connect with TLS (tls.enable=true"));
    }

    @Test
    void permissiveServesTlsAndPlainClients() throws Exception {
        TestCluster cluster = cluster("permissive");
        String topic = "TlsPermissive_" + System.nanoTime() % 100_000;
        for (boolean tls : new boolean[] {true, false}) {
            String body = tls ? "over TLS" : "plain";
            DefaultMQProducer producer = producer(cluster, tls);
            awaitRegistered(producer);
            assertEquals(SendStatus.SEND_OK, producer.send(new Message(topic, body.getBytes(StandardCharsets.UTF_8)))
                    .getSendStatus());
        }
        Set<String> overTls = consume(cluster, topic, true);
        Set<String> plain = consume(cluster, topic, false);
        await("both consumers receive both messages").atMost(PATIENCE)
                .until(() -> overTls.containsAll(Set.of("over TLS", "plain")) && plain.containsAll(overTls));
    }

    /** Our NameServer and broker in child JVMs with {@code -Dtls.server.mode=mode} and the PEM settings file. */
    private TestCluster cluster(String mode) {
        TestCluster cluster = TestCluster.builder()
                .launcher(ClusterKind.APOGEE.childProcesses(List.of("-Xmx256m", "-Dtls.server.mode=" + mode,
                        "-Dtls.config.file=" + tlsFile)))
                .brokerProperty("autoCreateTopicEnable", "true")
                .start();
        open.add(cluster);
        return cluster;
    }

    /** The broker's port accepts before it has registered (over TLS too): wait until the NameServer routes to it. */
    private static void awaitRegistered(DefaultMQProducer producer) {
        await("the broker registered with the NameServer").atMost(PATIENCE).ignoreExceptions()
                .until(() -> !producer.fetchPublishMessageQueues(TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC).isEmpty());
    }

    private DefaultMQProducer producer(TestCluster cluster, boolean tls) throws MQClientException {
        DefaultMQProducer producer = new DefaultMQProducer("TlsProducer_" + tls);
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setSendMsgTimeout(10_000);
        producer.setUseTLS(tls);
        withCheckingTlsClient(producer::start);
        open.add(producer::shutdown);
        return producer;
    }

    private Set<String> consume(TestCluster cluster, String topic, boolean tls) throws MQClientException {
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = ApacheClients.pushConsumer(cluster.namesrvAddr(), "TlsConsumer_" + tls
                + "_" + System.nanoTime() % 100_000);
        consumer.setUseTLS(tls);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> bodies.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        withCheckingTlsClient(consumer::start);
        open.add(consumer::shutdown);
        return bodies;
    }

    /** Starts an official client that checks the server certificate against ours (its context is made at start). */
    private static void withCheckingTlsClient(ClientStart start) throws MQClientException {
        boolean testMode = TlsSystemConfig.tlsTestModeEnable;
        boolean authServer = TlsSystemConfig.tlsClientAuthServer;
        String trust = TlsSystemConfig.tlsClientTrustCertPath;
        TlsSystemConfig.tlsTestModeEnable = false;
        TlsSystemConfig.tlsClientAuthServer = true;
        TlsSystemConfig.tlsClientTrustCertPath = serverCert.toString();
        try {
            start.start();
        } finally {
            TlsSystemConfig.tlsTestModeEnable = testMode;
            TlsSystemConfig.tlsClientAuthServer = authServer;
            TlsSystemConfig.tlsClientTrustCertPath = trust;
        }
    }

    private interface ClientStart {
        void start() throws MQClientException;
    }

    private static String pem(String type, byte[] der) {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN " + type + "-----\n" + base64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
