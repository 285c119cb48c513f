package io.apogee.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Role and brokerId checks, and the start-up defaults RocketMQ's {@code BrokerStartup} applies to HA keys. */
class ReplicationConfigTest {

    @Test
    void aSlaveWithBrokerIdZeroOrAMasterWithAnotherIdStopsStartUpNamingBothKeys() {
        ConfigException slave = assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(BrokerConfigsTest.props("brokerRole", "SLAVE", "brokerId", "0")));
        assertEquals("brokerId", slave.key());
        assertTrue(slave.getMessage().contains("brokerRole=SLAVE") && slave.getMessage().contains(">= 1"),
                slave.getMessage());
        assertThrows(ConfigException.class, () -> BrokerConfigs.bind(BrokerConfigsTest.props("brokerRole", "SLAVE")));

        ConfigException master = assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(BrokerConfigsTest.props("brokerRole", "SYNC_MASTER", "brokerId", "1")));
        assertEquals("brokerId", master.key());
        assertTrue(master.getMessage().contains("brokerRole=SYNC_MASTER") && master.getMessage().contains("brokerId=0"),
                master.getMessage());
        assertEquals(2, BrokerConfigs.bind(BrokerConfigsTest.props("brokerRole", "SLAVE", "brokerId", "2")).broker()
                .getBrokerId());
    }

    @Test
    void theHaPortIsListenPortPlusOneUnlessSet() {
        assertEquals(10912, BrokerConfigs.bind(new Properties()).store().getHaListenPort());
        assertEquals(20912, BrokerConfigs.bind(BrokerConfigsTest.props("listenPort", "20911")).store()
                .getHaListenPort());
        assertEquals(0, BrokerConfigs.bind(BrokerConfigsTest.props("listenPort", "0")).store().getHaListenPort(),
                "an ephemeral broker port gets an ephemeral HA port");
        assertEquals(30000, BrokerConfigs.bind(BrokerConfigsTest.props("listenPort", "20911", "haListenPort",
                "30000")).store().getHaListenPort());
    }

    @Test
    void aSlaveSteersSlowReadersTenPointsSooner() {
        assertEquals(40, BrokerConfigs.bind(new Properties()).store().getAccessMessageInMemoryMaxRatio());
        assertEquals(30, BrokerConfigs.bind(BrokerConfigsTest.props("brokerRole", "SLAVE", "brokerId", "1")).store()
                .getAccessMessageInMemoryMaxRatio());
        assertEquals(0, BrokerConfigs.bind(BrokerConfigsTest.props("brokerRole", "SLAVE", "brokerId", "1",
                "accessMessageInMemoryMaxRatio", "5")).store().getAccessMessageInMemoryMaxRatio());
        assertEquals("accessMessageInMemoryMaxRatio", assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(BrokerConfigsTest.props("brokerRole", "SLAVE", "brokerId", "1",
                        "accessMessageInMemoryMaxRatio", "lots"))).key());
    }
}
