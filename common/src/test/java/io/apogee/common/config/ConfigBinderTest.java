package io.apogee.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
        @Live
        long fileReservedTime = 72;
        @Live
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

    @Test
    void concludeBindsValidatesAndRefusesUnknownKeys() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("listenPort", 20911);
        keys.put("brokerRole", "SLAVE");
        Sample s = ConfigBinder.conclude(Sample::new, keys);
        assertEquals(20911, s.listenPort);
        assertEquals(Role.SLAVE, s.brokerRole);

        keys.put("listenPorts", 1);
        ConfigException unknown = assertThrows(ConfigException.class, () -> ConfigBinder.conclude(Sample::new, keys));
        assertEquals("listenPorts", unknown.key());
        assertTrue(unknown.getMessage().contains("unknown"), unknown.getMessage());
        assertEquals("listenPort", assertThrows(ConfigException.class,
                () -> ConfigBinder.conclude(Sample::new, Map.of("listenPort", 0))).key());
    }

    @Test
    void copyWithChangesOnlyTheCopyAndLeavesForeignKeysToOthers() {
        Sample original = ConfigBinder.conclude(Sample::new, Map.of("brokerName", "broker-x", "fileReservedTime", 5));
        Properties changes = new Properties();
        changes.setProperty("fileReservedTime", "48");
        changes.setProperty("someStoreKey", "1");

        Sample copy = ConfigBinder.copyWith(original, changes);

        assertNotSame(original, copy);
        assertEquals(48, copy.fileReservedTime);
        assertEquals("broker-x", copy.brokerName);
        assertEquals(5, original.fileReservedTime);
        changes.setProperty("listenPort", "-1");
        assertEquals("listenPort", assertThrows(ConfigException.class,
                () -> ConfigBinder.copyWith(original, changes)).key());
        assertEquals(10911, original.listenPort);
    }

    @Test
    void keysAndKeysReadAtStartComeFromTheFields() {
        assertEquals(Set.of("brokerName", "listenPort", "fileReservedTime", "autoCreateTopicEnable",
                "diskMaxUsedSpaceRatio", "brokerRole"), ConfigBinder.keys(Sample.class));
        assertEquals(Set.of("brokerName", "listenPort", "diskMaxUsedSpaceRatio", "brokerRole"),
                ConfigBinder.readAtStart(Sample.class));
    }

    @Test
    void parsesPropertiesTextAndRefusesABrokenEscape() {
        assertEquals("16", ConfigBinder.parse("defaultQueryMaxNum=16\nx=1").getProperty("defaultQueryMaxNum"));
        assertEquals(Set.of("a", "b"), ConfigBinder.parse("a=1\nb = 2\n").stringPropertyNames());
        assertThrows(ConfigException.class, () -> ConfigBinder.parse("a=\\u12"));
    }
}
