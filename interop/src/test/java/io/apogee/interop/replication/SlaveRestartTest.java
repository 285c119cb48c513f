package io.apogee.interop.replication;

import static io.apogee.interop.replication.ReplicaSet.BROKER;
import static io.apogee.interop.replication.ReplicaSet.MASTER;
import static io.apogee.interop.replication.ReplicaSet.SLAVE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restarts on either side of a SYNC_MASTER's replication, under the official producer's load: a slave killed with
 * {@code kill -9} and started again resumes from its own end (the offset it reports is where its log ended, never 0)
 * and catches up to a byte-identical log while the master keeps storing (answering SLAVE_NOT_AVAILABLE or
 * FLUSH_SLAVE_TIMEOUT meanwhile, SEND_OK again once it is back); a master restarted gracefully is followed by the same
 * slave from where it stood. The slave's max offset, sampled every 100 ms from its restart on, never goes back.
 */
class SlaveRestartTest {

    private static final String TOPIC = "SlaveRestartTopic";
    private static final int THREADS = 8;
    private static final int STEP = 3_000;
    /** A killed slave may lose the tail of a record still arriving (replication chunks do not end on records). */
    private static final long CUT_BY_KILL = 64 * 1024;
    private static final Set<SendStatus> STORED_STATUSES = Set.of(SendStatus.SEND_OK, SendStatus.SLAVE_NOT_AVAILABLE,
            SendStatus.FLUSH_SLAVE_TIMEOUT);

    @RegisterExtension
    final ReplicaSets sets = new ReplicaSets();

    @Test
    void aKilledSlaveCatchesUpAndARestartedMasterIsFollowedFromWhereTheSlaveStood() throws Exception {
        ReplicaSet set = sets.start(ReplicaSet.layout(ClusterKind.APOGEE, ClusterKind.APOGEE)
                .brokerProperty("brokerRole", "SYNC_MASTER"));
        set.createTopic(TOPIC, 4);
        DefaultMQProducer producer = ApacheClients.producer(set.namesrvAddr(), "pg-slave-restart");
        Set<String> stored = new HashSet<>();
        try (OffsetSampler slaveOffsets = new OffsetSampler(set, SLAVE, 100)) {
            set.awaitSendOk(producer, TOPIC);
            KeyedLoad load = new KeyedLoad(producer, TOPIC, "slave-kill-", Integer.MAX_VALUE, 128).start(THREADS);
            await("SEND_OK before the kill").atMost(ReplicaSet.WAIT).until(() -> load.sendOk() >= STEP);
            long beforeKill = set.maxOffset(SLAVE);
            set.cluster().killBroker(BROKER, SLAVE);
            int answeredAtKill = load.answered();
            await("stored while the slave is dead").atMost(ReplicaSet.WAIT)
                    .until(() -> load.answered() >= answeredAtKill + STEP);

            long restartedAt = System.nanoTime();
            set.cluster().startBroker(BROKER, SLAVE);
            await("the restarted slave's first answer").atMost(ReplicaSet.WAIT)
                    .until(() -> !slaveOffsets.since(restartedAt).isEmpty());
            long resumedAt = slaveOffsets.since(restartedAt).get(0).offset();
            assertTrue(resumedAt >= beforeKill - CUT_BY_KILL, "the restarted slave's log ends at " + resumedAt
                    + ", it ended at " + beforeKill + " or later before the kill");
            int okAtRestart = load.sendOk();
            await("SEND_OK again after the slave's restart").atMost(ReplicaSet.WAIT)
                    .until(() -> load.sendOk() >= okAtRestart + STEP);
            load.stop();
            load.awaitDone();
            assertEquals(0, load.failures(), load.summary());
            assertEquals(load.answered(), STORED_STATUSES.stream().mapToInt(s -> load.keys(s).size()).sum(),
                    load.summary());
            STORED_STATUSES.forEach(s -> stored.addAll(load.keys(s)));
            List<Long> reports = set.slaveReportedOffsets();
            assertFalse(reports.isEmpty(), "the slave logs the offset it reports on connecting");
            long lastReport = reports.get(reports.size() - 1);
            assertTrue(lastReport >= beforeKill - CUT_BY_KILL, "after its restart the slave asked for " + lastReport
                    + ", its log ended at " + beforeKill + " or later before the kill (reports " + reports + ")");

            long end = set.awaitSlaveCaughtUp();
            CommitLogFiles.assertIdentical(set.store(MASTER), set.store(SLAVE), 0, end);
            System.out.printf("slave killed at >= %d, restarted at %d, reported %d, caught up to %d; sends: %s%n",
                    beforeKill, resumedAt, lastReport, end, load.summary());

            long masterRestartedAt = System.nanoTime();
            set.cluster().restartBroker(BROKER);
            set.awaitSendOk(producer, TOPIC);
            KeyedLoad after = new KeyedLoad(producer, TOPIC, "master-restart-", STEP, 128).run(THREADS);
            assertEquals(STEP, after.sendOk(), after.summary());
            stored.addAll(after.keys(SendStatus.SEND_OK));
            List<Long> reportsAfter = set.slaveReportedOffsets();
            assertTrue(reportsAfter.size() > reports.size(), "the slave reconnected to the restarted master "
                    + reportsAfter);
            assertEquals(end, reportsAfter.get(reports.size()), "the slave asks the restarted master for its own "
                    + "end: nothing re-copied (reports " + reportsAfter + ")");

            long endAfter = set.awaitSlaveCaughtUp();
            CommitLogFiles.assertIdentical(set.store(MASTER), set.store(SLAVE), 0, endAfter);
            assertNeverBackwards(slaveOffsets.since(restartedAt));
            assertTrue(slaveOffsets.since(masterRestartedAt).get(0).offset() >= end,
                    "the slave keeps its log across its master's restart");
        } finally {
            producer.shutdown();
        }
        try (KeyCollector consumer = KeyCollector.start(set.namesrvAddr(), "cg-slave-restart", TOPIC)) {
            consumer.awaitAll(stored, "every stored message");
        }
    }

    private static void assertNeverBackwards(List<OffsetSampler.Sample> samples) {
        for (int i = 1; i < samples.size(); i++) {
            long previous = samples.get(i - 1).offset();
            long now = samples.get(i).offset();
            assertTrue(now >= previous, "the slave's max offset went back from " + previous + " to "
                    + now);
        }
    }
}
