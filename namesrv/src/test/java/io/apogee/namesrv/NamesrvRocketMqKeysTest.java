package io.apogee.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Published;
import io.apogee.common.config.RocketMqKeys;
import io.apogee.namesrv.config.NamesrvConfig;
import io.apogee.namesrv.config.NamesrvConfigUpdater;
import io.apogee.namesrv.config.NamesrvConfigs;
import io.apogee.remoting.netty.NettyServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key RocketMQ 4.9's NameServer reads is accepted: applied when we have it, else set aside for a warning. */
class NamesrvRocketMqKeysTest {

    @TempDir
    Path home;

    @Test
    void startsWithRocketMq497sRemotingKeys() throws Exception {
        Path file = Files.writeString(home.resolve("namesrv.properties"), "listenPort=0\nbindAddress=127.0.0.1\n"
                + "serverSocketBacklog=1024\nwriteBufferHighWaterMark=4194304\nwriteBufferLowWaterMark=1048576\n"
                + "kvConfigPath=" + home.resolve("kv.json") + "\nconfigStorePath=" + home.resolve("ns.properties")
                + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NamesrvController controller = NamesrvStartup.start(new String[] {"-c", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertTrue(controller != null && controller.listenPort() > 0);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("The Name Server boot success."));
        } finally {
            if (controller != null) {
                controller.shutdown();
            }
        }
    }

    @Test
    void everyRocketMqNameServerKeyIsAcceptedAndOursApplied() {
        Map<String, String> ours = new HashMap<>(ConfigBinder.toMap(new NamesrvConfig()));
        ours.putAll(ConfigBinder.toMap(new NettyServerConfig()));
        Properties file = new Properties();
        for (String key : RocketMqKeys.NAMESRV) {
            file.setProperty(key, ours.getOrDefault(key, "1024"));
        }
        file.setProperty("serverWorkerThreads", "3");
        file.setProperty("orderMessageEnable", "true");

        NamesrvConfigs configs = NamesrvConfigs.bind(file);

        Set<String> missing = new TreeSet<>(RocketMqKeys.NAMESRV);
        missing.removeAll(ours.keySet());
        assertEquals(missing, configs.unbound().notApplicable());
        assertTrue(configs.unbound().notApplicable().containsAll(Set.of("serverSocketBacklog",
                "writeBufferHighWaterMark", "writeBufferLowWaterMark")), configs.unbound().toString());
        assertTrue(configs.unbound().unknown().isEmpty());
        assertEquals(3, configs.netty().getServerWorkerThreads());
        assertTrue(configs.namesrv().orderMessageEnable());
        assertEquals(1, configs.unbound().warnings().size(), configs.unbound().warnings().toString());
    }

    @Test
    void aKeyNeitherOursNorRocketMqsIsStillRefused() {
        Properties file = new Properties();
        file.setProperty("serverSocketBacklog", "1024");
        file.setProperty("serverSocketBaclog", "1024");
        ConfigException e = assertThrows(ConfigException.class, () -> NamesrvConfigs.bind(file));
        assertTrue(e.getMessage().contains("serverSocketBaclog"), e.getMessage());
    }

    @Test
    void aRuntimeUpdateAcceptsRocketMqKeysWeDoNotApplyAndSaysSo() {
        Properties file = new Properties();
        file.setProperty("configStorePath", home.resolve("namesrv.properties").toString());
        Published<NamesrvConfigs> configs = new Published<>(NamesrvConfigs.bind(file));
        NamesrvConfigUpdater updater = new NamesrvConfigUpdater(configs);
        Properties changes = new Properties();
        changes.setProperty("writeBufferHighWaterMark", "4194304");
        changes.setProperty("orderMessageEnable", "true");

        String note = updater.apply(changes);

        assertTrue(configs.get().namesrv().orderMessageEnable());
        assertEquals("writeBufferHighWaterMark not applicable to Apogee, ignored", note);
        Properties typo = new Properties();
        typo.setProperty("writeBufferHighWaterMarks", "1");
        assertThrows(ConfigException.class, () -> updater.apply(typo));
    }
}
