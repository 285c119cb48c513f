package io.apogee.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Published;
import io.apogee.common.config.RocketMqKeys;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.store.MessageStoreConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every key RocketMQ 4.9's broker reads is accepted: applied when we have it, else set aside for a warning. */
class BrokerRocketMqKeysTest {

    @Test
    void everyRocketMqBrokerKeyIsAcceptedAndOursApplied() {
        Map<String, String> ours = new HashMap<>(ConfigBinder.toMap(new BrokerConfig()));
        ours.putAll(ConfigBinder.toMap(new MessageStoreConfig()));
        ours.putAll(ConfigBinder.toMap(new NettyServerConfig()));
        ours.putAll(ConfigBinder.toMap(new NettyClientConfig()));
        Properties file = new Properties();
        for (String key : RocketMqKeys.BROKER) {
            file.setProperty(key, ours.getOrDefault(key, "1024"));
        }
        file.setProperty("brokerName", "broker-k");
        file.setProperty("fileReservedTime", "48");
        file.setProperty("serverWorkerThreads", "3");
        file.setProperty("clientWorkerThreads", "5");

        BrokerConfigs configs = BrokerConfigs.bind(file);

        Set<String> missing = new TreeSet<>(RocketMqKeys.BROKER);
        missing.removeAll(ours.keySet());
        assertEquals(missing, configs.unbound().notApplicable());
        assertTrue(configs.unbound().notApplicable().containsAll(Set.of("serverSocketBacklog",
                "writeBufferHighWaterMark")), configs.unbound().toString());
        assertTrue(configs.render().contains("clientWorkerThreads=5\n"), "the broker's own client keys apply, as"
                + " RocketMQ's nettyClientConfig: " + configs.render());
        assertTrue(configs.unknown().isEmpty(), configs.unknown().toString());
        assertEquals("broker-k", configs.broker().getBrokerName());
        assertEquals(48, configs.store().getFileReservedTime());
        assertEquals(3, configs.netty().getServerWorkerThreads());
        assertEquals(1, configs.unbound().warnings().size(), configs.unbound().warnings().toString());
    }

    @Test
    void theBrokerConfigListsEveryKeyApachesExportConfigsReads() {
        String rendered = "\n" + BrokerConfigs.bind(new Properties()).render();
        for (String key : List.of("brokerClusterName", "brokerName", "brokerId", "brokerRole", "fileReservedTime",
                "filterServerNums", "flushDiskType", "maxMessageSize", "messageDelayLevel", "msgTraceTopicName",
                "slaveReadEnable", "traceOn", "traceTopicEnable", "useTLS", "autoCreateTopicEnable",
                "autoCreateSubscriptionGroup")) {
            assertTrue(rendered.contains("\n" + key + "="), key + " in " + rendered);
        }
        ConfigException filterServers = assertThrows(ConfigException.class,
                () -> BrokerConfigs.bind(BrokerConfigsTest.props("filterServerNums", "1")));
        assertEquals("filterServerNums", filterServers.key());
    }

    @Test
    void theNameServersRemotingKeysAreTreatedAlikeOnTheBroker() {
        Properties file = new Properties();
        file.setProperty("serverSocketBacklog", "1024");
        file.setProperty("writeBufferHighWaterMark", "4194304");
        file.setProperty("noSuchKey", "1");
        BrokerConfigs configs = BrokerConfigs.bind(file);
        assertEquals(Set.of("serverSocketBacklog", "writeBufferHighWaterMark"), configs.unbound().notApplicable());
        assertEquals(Set.of("noSuchKey"), configs.unknown());
    }

    @Test
    void aRuntimeUpdateAcceptsRocketMqKeysWeDoNotApplyAndSaysSo() {
        Published<BrokerConfigs> configs = new Published<>(BrokerConfigs.bind(new Properties()));
        BrokerConfigUpdater updater = new BrokerConfigUpdater(configs);

        String note = updater.apply(BrokerConfigsTest.props("serverSocketBacklog", "2048", "traceOn", "false"));

        assertFalse(configs.get().broker().isTraceOn());
        assertTrue(note.contains("serverSocketBacklog not applicable to Apogee, ignored"), note);
        ConfigException typo = assertThrows(ConfigException.class,
                () -> updater.apply(BrokerConfigsTest.props("serverSocketBaclog", "2048")));
        assertEquals("serverSocketBaclog", typo.key());
    }
}
