package io.apogee.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBinderTest {

    enum Role { ASYNC_MASTER, SLAVE }

    static class Base {
        String brokerName = "broker-a";
    }

    static class Sample extends Base implements Validated {
        static final int CONSTANT = 1;
        int listenPort = 10911;
        long fileReservedTime = 72;
        boolean autoCreateTopicEnable = true;
        double diskMaxUsedSpaceRatio = 0.75;
        Role brokerRole = Role.ASYNC_MASTER;

        @Override
        public void validate() {
            if (listenPort <= 0 || listenPort > 65535) {
                throw new ConfigException("listenPort", "must be 1..65535");
            }
        }
    }

    @Test
    void bindsEveryTypeAndReportsUnknownKeys() {
        Properties p = new Properties();
        p.setProperty("brokerName", " broker-b ");
        p.setProperty("listenPort", "20911");
        p.setProperty("fileReservedTime", "48");
        p.setProperty("autoCreateTopicEnable", "FALSE");
        p.setProperty("diskMaxUsedSpaceRatio", "0.9");
        p.setProperty("brokerRole", "slave");
        p.setProperty("noSuchKey", "x");
        Sample s = new Sample();

        Set<String> unknown = ConfigBinder.bind(p, s);

        assertEquals(Set.of("noSuchKey"), unknown);
        assertEquals("broker-b", s.brokerName);
        assertEquals(20911, s.listenPort);
        assertEquals(48, s.fileReservedTime);
        assertEquals(false, s.autoCreateTopicEnable);
        assertEquals(0.9, s.diskMaxUsedSpaceRatio);
        assertEquals(Role.SLAVE, s.brokerRole);
    }

    @Test
    void invalidValueNamesTheKey() {
        Properties p = new Properties();
        p.setProperty("listenPort", "ten");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigBinder.bind(p, new Sample()));
        assertEquals("listenPort", e.key());
        assertTrue(e.getMessage().contains("'ten'"), e.getMessage());

        p.setProperty("listenPort", "70000");
        assertEquals("listenPort", assertThrows(ConfigException.class, () -> ConfigBinder.bind(p, new Sample())).key());

        Properties q = new Properties();
        q.setProperty("autoCreateTopicEnable", "yes");
        assertEquals("autoCreateTopicEnable",
                assertThrows(ConfigException.class, () -> ConfigBinder.bind(q, new Sample())).key());
    }

    @Test
    void rendersKeysInDeclarationOrderWithoutStatics() {
        String text = ConfigBinder.render(new Sample());
        assertTrue(text.startsWith("brokerName=broker-a\nlistenPort=10911\n"), text);
        assertTrue(!text.contains("CONSTANT"), text);
    }

    @Test
    void loadsFileAndNamesMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "# comment\nlistenPort = 30911\n");
        assertEquals("30911", ConfigBinder.load(file).getProperty("listenPort"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigBinder.load(dir.resolve("nope.conf")));
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
    }
}
