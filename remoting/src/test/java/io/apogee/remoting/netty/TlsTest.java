package io.apogee.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with broker.conf's PKCS#12 key store (Apogee's keys) and with RocketMQ's PEM settings ({@code tls.*}). The
 * certificates are made here by the JDK's keytool: a self-signed server and client certificate (each peer trusts the
 * other's as its anchor), written out as PEM files with PKCS#8 keys.
 */
class TlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static Path serverCert;
    private static Path serverKey;
    private static Path clientCert;
    private static Path clientKey;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keyStore = keyPair("server");
        serverCert = dir.resolve("server.pem");
        serverKey = dir.resolve("server.key");
        writePem(keyStore, serverCert, serverKey);
        clientCert = dir.resolve("client.pem");
        clientKey = dir.resolve("client.key");
        writePem(keyPair("client"), clientCert, clientKey);
    }

    private static Path keyPair(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "apogee", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=" + name, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        return store;
    }

    private static void writePem(Path store, Path cert, Path key) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
                + base64.encodeToString(ks.getCertificate("apogee").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + base64.encodeToString(ks.getKey("apogee", PASSWORD.toCharArray()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private static RemotingFixture fixture(NettyServerConfig.TlsMode mode, boolean clientTls) {
        NettyServerConfig server = ConfigBinder.conclude(NettyServerConfig::new, Map.of("tlsMode", mode,
                "tlsServerKeyStorePath", keyStore, "tlsServerKeyStorePassword", PASSWORD));
        NettyClientConfig client = ConfigBinder.conclude(NettyClientConfig::new, Map.of("useTLS", clientTls,
                "tlsClientTrustStorePath", clientTls ? keyStore : "", "tlsClientTrustStorePassword", PASSWORD,
                "connectTimeoutMillis", 10_000));
        return new RemotingFixture(server, client, null);
    }

    @Test
    void permissiveServesTlsAndPlainClients() throws Exception {
        for (boolean clientTls : new boolean[] {true, false}) {
            try (RemotingFixture f = fixture(NettyServerConfig.TlsMode.PERMISSIVE, clientTls)) {
                RemotingCommand response = f.client.invokeSync(f.address,
                        RemotingCommand.request(RemotingFixture.ECHO, null).addExtField("tls", "" + clientTls), 15_000);
                assertEquals(ResponseCode.SUCCESS, response.code());
                assertEquals("" + clientTls, response.extFields().get("tls"));
            }
        }
    }

    @Test
    void enforcingAnswersPlainClientsWhyAndCloses() throws Exception {
        try (RemotingFixture f = fixture(NettyServerConfig.TlsMode.ENFORCING, true)) {
            assertEquals(ResponseCode.SUCCESS, f.client.invokeSync(f.address,
                    RemotingCommand.request(RemotingFixture.ECHO, null), 15_000).code());
        }
        try (RemotingFixture f = fixture(NettyServerConfig.TlsMode.ENFORCING, false)) {
            RemotingCommand refused = f.client.invokeSync(f.address,
                    RemotingCommand.request(RemotingFixture.ECHO, null), 15_000);
            assertEquals(ResponseCode.SYSTEM_ERROR, refused.code());
            assertEquals(TlsSniffer.PLAIN_REFUSED, refused.remark());
            assertTrue(refused.remark().contains("tls.server.mode=enforcing"), refused.remark());
        }
    }

    /** RocketMQ's settings: a certificate without {@code tls.server.mode} means permissive, as in RocketMQ. */
    @Test
    void pemCertificateWithoutModeServesTlsAndPlainClients() throws Exception {
        TlsSettings server = TlsSettings.of(serverSide(Map.of()));
        assertEquals(NettyServerConfig.TlsMode.PERMISSIVE, server.effectiveServerMode());
        for (boolean clientTls : new boolean[] {true, false}) {
            try (Pem f = new Pem(server, clientTls, TlsSettings.of(Map.of()))) {
                assertEquals(ResponseCode.SUCCESS, f.echo().code());
            }
        }
    }

    @Test
    void enforcingPemServerIsVerifiedByClientsThatCheckIt() throws Exception {
        TlsSettings server = TlsSettings.of(serverSide(Map.of(TlsSettings.SERVER_MODE, "enforcing")));
        Map<String, String> checking = Map.of(TlsSettings.TEST_MODE, "false", TlsSettings.CLIENT_AUTH_SERVER, "true",
                TlsSettings.CLIENT_TRUST_CERT_PATH, serverCert.toString());
        try (Pem f = new Pem(server, true, TlsSettings.of(checking))) {
            assertEquals(ResponseCode.SUCCESS, f.echo().code());
        }
        Map<String, String> wrongAnchor = new HashMap<>(checking);
        wrongAnchor.put(TlsSettings.CLIENT_TRUST_CERT_PATH, clientCert.toString());
        try (Pem f = new Pem(server, true, TlsSettings.of(wrongAnchor))) {
            assertThrows(RemotingException.class, f::echo, "a certificate the client does not trust");
        }
        try (Pem f = new Pem(server, false, TlsSettings.of(Map.of()))) {
            RemotingCommand refused = f.echo();
            assertEquals(ResponseCode.SYSTEM_ERROR, refused.code());
            assertEquals(TlsSniffer.PLAIN_REFUSED, refused.remark());
        }
    }

    @Test
    void requiredClientCertificateIsChecked() throws Exception {
        TlsSettings server = TlsSettings.of(serverSide(Map.of(TlsSettings.SERVER_MODE, "enforcing",
                TlsSettings.SERVER_NEED_CLIENT_AUTH, "require", TlsSettings.SERVER_AUTH_CLIENT, "true",
                TlsSettings.SERVER_TRUST_CERT_PATH, clientCert.toString())));
        TlsSettings withCertificate = TlsSettings.of(Map.of(TlsSettings.CLIENT_CERT_PATH, clientCert.toString(),
                TlsSettings.CLIENT_KEY_PATH, clientKey.toString()));
        try (Pem f = new Pem(server, true, withCertificate)) {
            assertEquals(ResponseCode.SUCCESS, f.echo().code());
        }
        try (Pem f = new Pem(server, true, TlsSettings.of(Map.of()))) {
            assertThrows(RemotingException.class, f::echo, "no client certificate");
        }
    }

    @Test
    void disabledServerClosesTlsClients() throws Exception {
        TlsSettings none = TlsSettings.of(Map.of());
        assertEquals(NettyServerConfig.TlsMode.DISABLED, none.effectiveServerMode());
        try (Pem f = new Pem(none, true, none)) {
            assertThrows(RemotingException.class, f::echo);
        }
        try (Pem f = new Pem(none, false, none)) {
            assertEquals(ResponseCode.SUCCESS, f.echo().code());
        }
    }

    @Test
    void aModeWithoutCertificateRefusesToStartNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> new NettyRemotingServer(
                new NettyServerConfig(), null, TlsSettings.of(Map.of(TlsSettings.SERVER_MODE, "enforcing"))));
        assertEquals(TlsSettings.SERVER_CERT_PATH, e.key());
        assertTrue(e.getMessage().contains("tls.server.mode is enforcing"), e.getMessage());
        ConfigException mode = assertThrows(ConfigException.class,
                () -> TlsSettings.of(Map.of(TlsSettings.SERVER_MODE, "strict")));
        assertEquals(TlsSettings.SERVER_MODE, mode.key());
        ConfigException auth = assertThrows(ConfigException.class,
                () -> TlsSettings.of(Map.of(TlsSettings.SERVER_NEED_CLIENT_AUTH, "always")));
        assertEquals(TlsSettings.SERVER_NEED_CLIENT_AUTH, auth.key());
    }

    /** The file's keys override system properties, but mode and enable are system properties only (RocketMQ's). */
    @Test
    void configFileOverridesSystemPropertiesExceptModeAndEnable() throws Exception {
        Path file = dir.resolve("tls.properties");
        Files.writeString(file, TlsSettings.SERVER_CERT_PATH + "=" + serverCert + "\n"
                + TlsSettings.SERVER_KEY_PATH + "=" + serverKey + "\n"
                + TlsSettings.SERVER_MODE + "=enforcing\n" + TlsSettings.TEST_MODE + "=false\n");
        Properties system = new Properties();
        system.setProperty(TlsSettings.CONFIG_FILE, file.toString());
        system.setProperty(TlsSettings.SERVER_CERT_PATH, "/nowhere.pem");
        system.setProperty(TlsSettings.CLIENT_AUTH_SERVER, "true");
        TlsSettings settings = TlsSettings.read(system);
        assertEquals(serverCert.toString(), settings.serverCertPath);
        assertEquals(serverKey.toString(), settings.serverKeyPath);
        assertNull(settings.serverMode, "tls.server.mode is read from system properties only");
        assertEquals(NettyServerConfig.TlsMode.PERMISSIVE, settings.effectiveServerMode());
        assertFalse(settings.testMode);
        assertTrue(settings.clientAuthServer);
        system.setProperty(TlsSettings.CONFIG_FILE, dir.resolve("absent.properties").toString());
        assertEquals("/nowhere.pem", TlsSettings.read(system).serverCertPath, "a missing file is skipped");
    }

    private static Map<String, String> serverSide(Map<String, String> more) {
        Map<String, String> keys = new HashMap<>(more);
        keys.put(TlsSettings.SERVER_CERT_PATH, serverCert.toString());
        keys.put(TlsSettings.SERVER_KEY_PATH, serverKey.toString());
        return keys;
    }

    /** An echo server and a client, each with its own RocketMQ TLS settings. */
    private static final class Pem implements AutoCloseable {
        final NettyRemotingServer server;
        final NettyRemotingClient client;
        final ExecutorService executor = BoundedExecutors.fixed("ApogeeTlsTestEcho", 2, 100);

        Pem(TlsSettings serverSettings, boolean clientTls, TlsSettings clientSettings) {
            server = new NettyRemotingServer(new NettyServerConfig(), null, serverSettings);
            server.registerProcessor(RemotingFixture.ECHO, RemotingFixture.echo(), executor);
            server.start();
            client = new NettyRemotingClient(ConfigBinder.conclude(NettyClientConfig::new, Map.of("useTLS", clientTls,
                    "connectTimeoutMillis", 10_000)), null, clientSettings);
            client.start();
        }

        RemotingCommand echo() throws InterruptedException, RemotingException {
            return client.invokeSync("127.0.0.1:" + server.localPort(),
                    RemotingCommand.request(RemotingFixture.ECHO, null), 15_000);
        }

        @Override
        public void close() {
            client.shutdown();
            server.shutdown();
            executor.shutdownNow();
        }
    }
}
