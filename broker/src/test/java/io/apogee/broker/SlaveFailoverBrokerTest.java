package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slave whose master goes away and comes back (on another port, as a restarted broker on port 0 does): it keeps
 * serving pulls and the offsets its consumers commit to it, says it is not replicating and why, learns the master's
 * new address from its next registration and replicates again, and the master's stale offset does not overwrite
 * the one committed to the slave meanwhile.
 */
class SlaveFailoverBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A registration round (at least 10 s) and a sync period (10 s) on a loaded machine. */
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aSlaveServesAndKeepsOffsetsWhileItsMasterIsDownThenFollowsItsReturn() throws Exception {
        try (ReplicaSetFixture set = new ReplicaSetFixture(dir)) {
            Properties fastRegistration = new Properties();
            fastRegistration.setProperty("registerNameServerPeriod", "10000");
            BrokerFixture master = set.startMaster(fastRegistration);
            master.createTopic("T", 1);
            for (int i = 0; i < 5; i++) {
                assertEquals(ResponseCode.SUCCESS, master.invoke(BrokerFixture.send("T", 0, "m" + i, "")).code());
            }
            assertEquals(ResponseCode.SUCCESS, master.invoke(commitOffset("G", 1)).code());
            BrokerFixture slave = set.startSlave(fastRegistration);
            await().atMost(WAIT).until(() -> slave.broker.store().getMaxOffsetInQueue("T", 0) == 5
                    && slave.broker.offsets().queryOffset("G", "T", 0) == 1);

            set.stopMaster();

            await().atMost(WAIT).until(() -> "false".equals(ReplicaSetFixture.runtimeInfo(slave).get("haReplicating")));
            assertTrue(ReplicaSetFixture.runtimeInfo(slave).get("haNotReplicatingReason").contains("connecting"),
                    ReplicaSetFixture.runtimeInfo(slave).toString());
            RemotingCommand pulled = slave.invoke(BrokerFixture.pull("T", 0, 1,
                    PullMessageRequestHeader.FLAG_SUBSCRIPTION, "*", 0));
            assertEquals(ResponseCode.SUCCESS, pulled.code(), pulled.remark());
            assertEquals(ResponseCode.SUCCESS, slave.invoke(commitOffset("G", 3)).code());
            await().atMost(RECOVERY_WAIT)
                    .until(() -> "".equals(ReplicaSetFixture.runtimeInfo(slave).get("masterAddr")));

            BrokerFixture back = set.startMaster(fastRegistration);
            assertEquals(ResponseCode.SUCCESS, back.invoke(BrokerFixture.send("T", 0, "m5", "")).code());
            long restartedAt = System.currentTimeMillis();

            await().atMost(RECOVERY_WAIT).until(() -> slave.broker.store().getMaxOffsetInQueue("T", 0) == 6);
            await().atMost(RECOVERY_WAIT).until(() -> Long.parseLong(ReplicaSetFixture.runtimeInfo(slave)
                    .get("slaveSyncLastTimestamp")) > restartedAt);
            Map<String, String> info = ReplicaSetFixture.runtimeInfo(slave);
            assertEquals(back.addr, info.get("masterAddr"));
            assertEquals("true", info.get("haReplicating"));
            assertEquals(3, slave.broker.offsets().queryOffset("G", "T", 0),
                    "the master still has 1, committed before it went down; the slave keeps its consumers' 3");
        }
    }

    private static RemotingCommand commitOffset(String group, long offset) {
        UpdateConsumerOffsetRequestHeader h = new UpdateConsumerOffsetRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic("T");
        h.setQueueId(0);
        h.setCommitOffset(offset);
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, h);
    }
}
