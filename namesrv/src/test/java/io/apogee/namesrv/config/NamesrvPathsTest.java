package io.apogee.namesrv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Two NameServers on one host keep their own KV and config files unless the files are named. */
class NamesrvPathsTest {

    private static final Path HOME = Path.of(System.getProperty("user.home"), "namesrv");

    @Test
    void portsOtherThan9876GetFilesNamedAfterTheirPort() {
        NamesrvConfig other = NamesrvConfigs.bind(properties("listenPort", "9877")).namesrv();
        assertEquals(HOME.resolve("kvConfig-9877.json"), other.kvConfigPath());
        assertEquals(HOME.resolve("namesrv-9877.properties"), other.configStorePath());

        NamesrvConfig rocketMqDefault = NamesrvConfigs.bind(new Properties()).namesrv();
        assertEquals(HOME.resolve("kvConfig.json"), rocketMqDefault.kvConfigPath());
        assertEquals(HOME.resolve("namesrv.properties"), rocketMqDefault.configStorePath());
    }

    @Test
    void aNamedFileIsKept() {
        Properties p = properties("listenPort", "9877");
        p.setProperty("kvConfigPath", "/data/ns/kv.json");
        assertEquals(Path.of("/data/ns/kv.json"), NamesrvConfigs.bind(p).namesrv().kvConfigPath());
    }

    private static Properties properties(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }
}
