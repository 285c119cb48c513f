package io.apogee.store.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStoreConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The replication keys: RocketMQ's names and defaults, and bad values named. */
class HaConfigTest {

    private static MessageStoreConfig bind(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        MessageStoreConfig c = new MessageStoreConfig();
        ConfigBinder.bind(p, c);
        return c;
    }

    @Test
    void defaultsAreRocketMqs() {
        MessageStoreConfig c = bind();
        assertEquals(BrokerRole.ASYNC_MASTER, c.getBrokerRole());
        assertEquals(5000, c.getHaSendHeartbeatInterval());
        assertEquals(20_000, c.getHaHousekeepingInterval());
        assertEquals(32 * 1024, c.getHaTransferBatchSize());
        assertEquals(256 * 1024 * 1024, c.getHaSlaveFallbehindMax());
        assertEquals(3000, c.getSlaveTimeout());
        assertEquals("", c.getHaMasterAddress());
    }

    @Test
    void keysBindByRocketMqNames() {
        MessageStoreConfig c = bind("brokerRole", "slave", "haListenPort", "10922", "haMasterAddress",
                "10.0.0.1:10912", "slaveTimeout", "500");
        assertEquals(BrokerRole.SLAVE, c.getBrokerRole());
        assertEquals(10922, c.getHaListenPort());
        assertEquals(10912, c.haMasterSocketAddress().getPort());
        assertEquals(500, c.getSlaveTimeout());
    }

    @Test
    void badValuesNameTheirKey() {
        assertEquals("brokerRole", assertThrows(ConfigException.class, () -> bind("brokerRole", "LEADER")).key());
        assertEquals("haListenPort", assertThrows(ConfigException.class, () -> bind("haListenPort", "70000")).key());
        assertEquals("haMasterAddress",
                assertThrows(ConfigException.class, () -> bind("haMasterAddress", "host-without-port")).key());
        assertEquals("haHousekeepingInterval", assertThrows(ConfigException.class,
                () -> bind("haHousekeepingInterval", "4000")).key());
        assertEquals("haTransferBatchSize",
                assertThrows(ConfigException.class, () -> bind("haTransferBatchSize", "0")).key());
        assertEquals("slaveTimeout", assertThrows(ConfigException.class, () -> bind("slaveTimeout", "-1")).key());
    }
}
