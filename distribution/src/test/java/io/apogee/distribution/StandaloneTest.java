package io.apogee.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.config.BrokerConfigs;
import io.apogee.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's settings: data directory and broker keys, in the order documented on {@link Standalone}. */
class StandaloneTest {

    @TempDir
    Path tmp;

    @Test
    void dataDirFromOptionElseEnvironmentElseHome() {
        assertEquals(tmp.resolve("opt"), Standalone.dataDir(tmp.resolve("opt").toString(), "/env"));
        assertEquals(Path.of("/env"), Standalone.dataDir(null, "/env"));
        assertEquals(Path.of(System.getProperty("user.home"), "apogee-data"), Standalone.dataDir(null, " "));
    }

    @Test
    void defaultsBindWithoutUnknownKeysAndAdvertiseLoopback() throws Exception {
        Properties keys = Standalone.brokerKeys(Standalone.parse(), tmp, 9876);
        BrokerConfigs configs = BrokerConfigs.bind(keys);
        assertTrue(configs.unknown().isEmpty(), configs.unknown().toString());
        assertEquals("127.0.0.1", configs.broker().getBrokerIP1());
        assertEquals("127.0.0.1:9876", configs.broker().getNamesrvAddr());
        assertEquals(10911, configs.netty().getListenPort());
        assertEquals(tmp.resolve("store").toString(), configs.store().getStorePathRootDir());
    }

    @Test
    void confFileOverridesDefaultsAndBrokerPortOverridesConfFile() throws Exception {
        Path conf = Files.writeString(tmp.resolve("broker.conf"), "brokerName=dev-b\nlistenPort=20911\n");
        Properties fromConf = Standalone.brokerKeys(Standalone.parse("-c", conf.toString()), tmp, 9876);
        assertEquals("dev-b", fromConf.getProperty("brokerName"));
        assertEquals("20911", fromConf.getProperty("listenPort"));
        assertEquals(conf.toAbsolutePath().toString(), fromConf.getProperty("brokerConfigPath"),
                "updates are written back to the -c file");
        Properties fromOption = Standalone.brokerKeys(Standalone.parse("-c", conf.toString(), "--brokerPort",
                "30911"), tmp, 9876);
        assertEquals("30911", fromOption.getProperty("listenPort"));
    }

    @Test
    void badPortNamesTheOption() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Standalone.brokerKeys(Standalone.parse("--brokerPort", "http"), tmp, 9876));
        assertTrue(e.getMessage().contains("brokerPort"), e.getMessage());
    }
}
