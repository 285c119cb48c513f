package io.apogee.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnboundKeysTest {

    @Test
    void rocketMqKeysAreNotApplicableAndTheRestUnknown() {
        UnboundKeys keys = UnboundKeys.of(Set.of("writeBufferHighWaterMark", "serverSocketBacklog", "typoKey"),
                RocketMqKeys.NAMESRV);
        assertEquals(Set.of("serverSocketBacklog", "writeBufferHighWaterMark"), keys.notApplicable());
        assertEquals(Set.of("typoKey"), keys.unknown());
        assertEquals(List.of("RocketMQ config keys not applicable to Apogee, ignored: serverSocketBacklog,"
                + " writeBufferHighWaterMark", "unknown config key 'typoKey' ignored"), keys.warnings());
        assertTrue(UnboundKeys.NONE.warnings().isEmpty());
    }

    @Test
    void theBrokerReadsEveryNameServerRemotingKeyAndItsOwn() {
        assertTrue(RocketMqKeys.BROKER.containsAll(Set.of("serverSocketBacklog", "clientWorkerThreads",
                "autoCreateTopicEnable", "enableDLegerCommitLog", "brokerRole", "enableBatchPush")));
        assertTrue(RocketMqKeys.NAMESRV.containsAll(Set.of("listenPort", "kvConfigPath", "configBlackList")));
        assertEquals(Set.of("serverSocketBacklog"), UnboundKeys.of(Set.of("serverSocketBacklog"),
                RocketMqKeys.BROKER).notApplicable());
    }
}
