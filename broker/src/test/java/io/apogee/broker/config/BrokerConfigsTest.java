package io.apogee.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigException;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerConfigsTest {

    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void rocketMqKeysOfBrokerStoreAndRemotingBindFromOneFile() {
        BrokerConfigs configs = BrokerConfigs.bind(props("brokerName", "broker-b", "listenPort", "20911",
                "flushDiskType", "SYNC_FLUSH", "brokerRole", "SYNC_MASTER", "fileReservedTime", "48",
                "noSuchKey", "1"));
        assertEquals("broker-b", configs.broker().getBrokerName());
        assertEquals(BrokerRole.SYNC_MASTER, configs.broker().getBrokerRole());
        assertEquals(20911, configs.netty().getListenPort());
        assertEquals(Set.of("noSuchKey"), configs.unknown());
        String rendered = configs.render();
        assertTrue(rendered.contains("flushDiskType=SYNC_FLUSH\n"), rendered);
        assertTrue(rendered.contains("brokerName=broker-b\n"), rendered);
        assertEquals(BrokerConfigs.DEFAULT_LISTEN_PORT,
                BrokerConfigs.bind(new Properties()).netty().getListenPort());
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertEquals("listenPort", assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(props("listenPort", "eleven"))).key());
        assertEquals("brokerRole", assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(props("brokerRole", "LEADER"))).key());
        assertEquals("brokerId", assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(props("brokerRole", "SLAVE", "brokerId", "0"))).key());
        assertEquals("flushDiskType", assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(props("flushDiskType", "SOMETIMES"))).key());
        assertEquals("waitTimeMillsInSendQueue", assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(props("waitTimeMillsInSendQueue", "-1"))).key());
        ConfigException comma = assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(props("namesrvAddr", "ns1:9876,ns2:9876")));
        assertEquals("namesrvAddr", comma.key());
        assertTrue(comma.getMessage().contains("use ';' between NameServer addresses, e.g. 'ns1:9876;ns2:9876'"),
                comma.getMessage());
    }

    @Test
    void withMakesAValidatedCopyAcrossPartsAndLeavesTheSnapshot() {
        BrokerConfigs start = BrokerConfigs.bind(props("brokerName", "broker-a", "fileReservedTime", "72"));

        BrokerConfigs next = start.with(props("fileReservedTime", "48", "traceOn", "false",
                "serverChannelMaxIdleTimeSeconds", "60"));

        assertNotSame(start, next);
        assertEquals(48, next.store().getFileReservedTime());
        assertEquals(false, next.broker().isTraceOn());
        assertEquals(60, next.netty().getServerChannelMaxIdleTimeSeconds());
        assertEquals("broker-a", next.broker().getBrokerName());
        assertEquals(72, start.store().getFileReservedTime());
        assertEquals(true, start.broker().isTraceOn());
        assertEquals(120, start.netty().getServerChannelMaxIdleTimeSeconds());
    }

    @Test
    void withRefusesAnUnknownKeyOrABadValueByName() {
        BrokerConfigs start = BrokerConfigs.bind(new Properties());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> start.with(props("traceOn", "false", "traceOnn", "true")));
        assertEquals("traceOnn", unknown.key());
        assertTrue(unknown.getMessage().contains("unknown"), unknown.getMessage());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> start.with(props("traceOn", "false", "brokerPermission", "9")));
        assertEquals("brokerPermission", bad.key());
        assertTrue(bad.getMessage().contains("0..7"), bad.getMessage());
        assertEquals(true, start.broker().isTraceOn());
    }

    @Test
    void portsPathsAndThreadCountsWaitForARestart() {
        assertEquals(Set.of("listenPort", "sendMessageThreadPoolNums", "storePathRootDir"),
                BrokerConfigs.readAtStart(Set.of("listenPort", "sendMessageThreadPoolNums", "storePathRootDir",
                        "brokerPermission", "traceOn")));
    }
}
