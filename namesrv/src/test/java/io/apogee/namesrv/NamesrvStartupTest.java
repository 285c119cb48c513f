package io.apogee.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigException;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesrvStartupTest {

    @TempDir
    Path home;

    @Test
    void printsTheEffectiveConfigWithRocketMqsDefaultPort() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path file = Files.writeString(home.resolve("namesrv.conf"), "orderMessageEnable=true\n");

        assertNull(NamesrvStartup.start(new String[] {"-c", file.toString(), "-p"}, print(out)));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("listenPort=9876\n"), printed);
        assertTrue(printed.contains("orderMessageEnable=true\n"), printed);
        assertTrue(printed.contains("scanNotActiveBrokerInterval=10000\n"), printed);
        assertTrue(printed.contains("brokerChannelExpiredTime=120000\n"), printed);
    }

    @Test
    void unknownOrInvalidKeysFailLoudly() throws Exception {
        Path unknown = Files.writeString(home.resolve("unknown.conf"), "listenPort=0\nnoSuchKey=1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> startWith(unknown));
        assertTrue(e.getMessage().contains("noSuchKey"), e.getMessage());

        Path invalid = Files.writeString(home.resolve("invalid.conf"), "scanNotActiveBrokerInterval=0\n");
        assertThrows(ConfigException.class, () -> startWith(invalid));
        assertThrows(ConfigException.class, () -> startWith(home.resolve("missing.conf")));
    }

    @Test
    void startsFromAConfigFileAndServes() throws Exception {
        Path file = Files.writeString(home.resolve("namesrv.conf"), "listenPort=0\nbindAddress=127.0.0.1\n"
                + "kvConfigPath=" + home.resolve("kv.json") + "\nconfigStorePath=" + home.resolve("ns.properties")
                + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NamesrvController controller = NamesrvStartup.start(new String[] {"-c", file.toString()}, print(out));
        assertNotNull(controller);
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig(), null);
        try {
            client.start();
            RemotingCommand response = client.invokeSync("127.0.0.1:" + controller.listenPort(),
                    RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null), 15_000);
            assertEquals(ResponseCode.SUCCESS, response.code());
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("The Name Server boot success."));
        } finally {
            client.shutdown();
            controller.shutdown();
        }
    }

    private static void startWith(Path configFile) throws Exception {
        NamesrvController started = NamesrvStartup.start(new String[] {"-c", configFile.toString()},
                print(new ByteArrayOutputStream()));
        if (started != null) {
            started.shutdown();
        }
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
