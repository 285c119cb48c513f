package io.apogee.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path keyStore;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "apogee", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed");
        }
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
    void enforcingRefusesPlainClients() throws Exception {
        try (RemotingFixture f = fixture(NettyServerConfig.TlsMode.ENFORCING, true)) {
            assertEquals(ResponseCode.SUCCESS, f.client.invokeSync(f.address,
                    RemotingCommand.request(RemotingFixture.ECHO, null), 15_000).code());
        }
        try (RemotingFixture f = fixture(NettyServerConfig.TlsMode.ENFORCING, false)) {
            assertThrows(RemotingException.class, () -> f.client.invokeSync(f.address,
                    RemotingCommand.request(RemotingFixture.ECHO, null), 2000));
        }
    }
}
