package io.apogee.namesrv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesrvConfigUpdaterTest {

    @TempDir
    Path dir;

    private Published<NamesrvConfigs> published() {
        Properties p = new Properties();
        p.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        p.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
        return new Published<>(NamesrvConfigs.bind(p));
    }

    private static Properties props(Map<String, String> keys) {
        Properties p = new Properties();
        p.putAll(keys);
        return p;
    }

    @Test
    void bindsBothPartsWithRocketMqsPortAndRefusesUnknownKeys() {
        NamesrvConfigs configs = NamesrvConfigs.bind(props(Map.of("orderMessageEnable", "true",
                "serverWorkerThreads", "4")));
        assertEquals(NamesrvConfigs.DEFAULT_LISTEN_PORT, configs.netty().getListenPort());
        assertTrue(configs.namesrv().orderMessageEnable());
        assertTrue(configs.render().contains("serverWorkerThreads=4\n"), configs.render());
        assertEquals("noSuchKey", assertThrows(ConfigException.class,
                () -> NamesrvConfigs.bind(props(Map.of("noSuchKey", "1")))).key());
    }

    @Test
    void anUpdateIsPersistedWholeThenPublishedAndNamesKeysWaitingForARestart() throws Exception {
        Published<NamesrvConfigs> configs = published();
        NamesrvConfigs before = configs.get();

        String note = new NamesrvConfigUpdater(configs).apply(props(Map.of("orderMessageEnable", "true",
                "brokerChannelExpiredTime", "60000")));

        assertNull(note);
        assertTrue(configs.get().namesrv().orderMessageEnable());
        assertEquals(60_000, configs.get().namesrv().brokerChannelExpiredTime());
        assertFalse(before.namesrv().orderMessageEnable(), "a published snapshot never changes");
        Properties persisted = ConfigBinder.load(dir.resolve("namesrv.properties"));
        assertEquals("true", persisted.getProperty("orderMessageEnable"));
        assertEquals(configs.get().toMap().keySet(), persisted.stringPropertyNames());

        assertEquals("defaultThreadPoolNums, listenPort take effect at the next start", new NamesrvConfigUpdater(
                configs).apply(props(Map.of("listenPort", "9877", "defaultThreadPoolNums", "4"))));
    }

    @Test
    void aBadKeyOrValueChangesNothing() {
        Published<NamesrvConfigs> configs = published();
        NamesrvConfigs before = configs.get();
        NamesrvConfigUpdater updater = new NamesrvConfigUpdater(configs);

        assertEquals("orderMessageEnables", assertThrows(ConfigException.class, () -> updater.apply(
                props(Map.of("orderMessageEnable", "true", "orderMessageEnables", "true")))).key());
        assertEquals("scanNotActiveBrokerInterval", assertThrows(ConfigException.class, () -> updater.apply(
                props(Map.of("orderMessageEnable", "true", "scanNotActiveBrokerInterval", "0")))).key());

        assertSame(before, configs.get());
        assertFalse(Files.exists(dir.resolve("namesrv.properties")));
        assertEquals(Optional.of("kvConfigPath"), updater.blackListed(props(Map.of("kvConfigPath", "/tmp/x"))));
    }
}
