package io.apogee.store.ha;

import static io.apogee.store.ha.HaStores.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigException;
import io.apogee.store.BrokerRole;
import io.apogee.store.FlushDiskType;
import io.apogee.store.HaStatus;
import io.apogee.store.HaStatus.LinkState;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.StoreFixture;
import io.apogee.store.core.LocalMessageStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts of either side, a master address learnt at run time, and a slave found ahead of its master. */
class SlaveLifecycleTest {

    private static final String TOPIC = "HaLife";

    @TempDir
    Path dir;

    private static void fill(LocalMessageStore master, int from, int count) {
        for (int i = from; i < from + count; i++) {
            PutMessageStatus status = HaStores.put(master, HaStores.message(TOPIC, i % 2, i, 700)).status();
            assertTrue(status.isStored(), status.name());
        }
    }

    private static HaStatus.Slave awaitConnection(LocalMessageStore master, long requestOffset) {
        await().atMost(WAIT).until(() -> master.haStatus().slaves().stream()
                .anyMatch(s -> s.requestOffset() == requestOffset));
        return master.haStatus().slaves().get(0);
    }

    @Test
    void aRestartedSlaveResumesFromItsOwnEnd() throws Exception {
        try (LocalMessageStore master = HaStores.master(dir.resolve("m"), BrokerRole.ASYNC_MASTER,
                FlushDiskType.ASYNC_FLUSH)) {
            long slaveEnd;
            try (LocalMessageStore slave = HaStores.slave(dir.resolve("s"), HaStores.port(master))) {
                // Connected before the first message: a slave that connects later starts at the master's newest file.
                HaStores.awaitSlave(master);
                fill(master, 0, 1500);
                HaStores.awaitCaughtUp(master, slave);
                slaveEnd = slave.getMaxPhyOffset();
            }
            await().atMost(WAIT).until(() -> master.haStatus().slaves().isEmpty());
            fill(master, 1500, 1500);
            try (LocalMessageStore slave = HaStores.slave(dir.resolve("s"), HaStores.port(master))) {
                HaStatus.Slave s = awaitConnection(master, slaveEnd);
                assertTrue(s.requestOffset() > 0, "the transfer starts at the slave's end, not at 0");
                HaStores.awaitCaughtUp(master, slave);
                HaStores.assertSameCommitLog(master, slave, 0);
                await().atMost(WAIT).until(() -> slave.getMaxOffsetInQueue(TOPIC, 1) == 1500);
            }
        }
    }

    @Test
    void aSlaveResumesAfterItsMasterRestarts() throws Exception {
        Path masterDir = dir.resolve("m");
        LocalMessageStore master = HaStores.master(masterDir, BrokerRole.SYNC_MASTER, FlushDiskType.ASYNC_FLUSH);
        int port = HaStores.port(master);
        try (LocalMessageStore slave = HaStores.slave(dir.resolve("s"), port)) {
            HaStores.awaitSlave(master);
            fill(master, 0, 1000);
            master.close();
            await().atMost(WAIT).until(() -> slave.haStatus().master().state() == LinkState.CONNECTING);
            long slaveEnd = slave.getMaxPhyOffset();
            assertEquals(master.getMaxPhyOffset(), slaveEnd, "SYNC_MASTER: every PUT_OK byte is on the slave");

            MessageStoreConfig again = HaStores.config(masterDir, BrokerRole.SYNC_MASTER);
            again.setHaListenPort(port);
            master = StoreFixture.open(again);
            awaitConnection(master, slaveEnd);
            fill(master, 1000, 500);
            HaStores.awaitCaughtUp(master, slave);
            HaStores.assertSameCommitLog(master, slave, 0);
            assertEquals(LinkState.REPLICATING, slave.haStatus().master().state());
        } finally {
            master.close();
        }
    }

    @Test
    void theMasterAddressCanBeGivenAtRunTime() throws Exception {
        try (LocalMessageStore master = HaStores.master(dir.resolve("m"), BrokerRole.ASYNC_MASTER,
                FlushDiskType.ASYNC_FLUSH);
                LocalMessageStore slave = StoreFixture.open(HaStores.config(dir.resolve("s"), BrokerRole.SLAVE))) {
            HaStatus.Master link = slave.haStatus().master();
            assertEquals(LinkState.NO_MASTER, link.state());
            assertNull(link.address());
            assertThrows(ConfigException.class, () -> slave.updateHaMasterAddress("no-port"));
            fill(master, 0, 100);
            slave.updateHaMasterAddress("127.0.0.1:" + HaStores.port(master));
            HaStores.awaitCaughtUp(master, slave);
            HaStores.assertSameCommitLog(master, slave, 0);
            assertTrue(slave.haStatus().master().connected());
        }
    }

    @Test
    void aSlaveAheadOfItsMasterStopsWithTheReasonAndResumesWithAnotherMaster() throws Exception {
        try (LocalMessageStore first = HaStores.master(dir.resolve("m1"), BrokerRole.ASYNC_MASTER,
                FlushDiskType.ASYNC_FLUSH);
                LocalMessageStore shorter = HaStores.master(dir.resolve("m2"), BrokerRole.SYNC_MASTER,
                        FlushDiskType.ASYNC_FLUSH)) {
            long slaveEnd;
            try (LocalMessageStore slave = HaStores.slave(dir.resolve("s"), HaStores.port(first))) {
                fill(first, 0, 200);
                HaStores.awaitCaughtUp(first, slave);
                slaveEnd = slave.getMaxPhyOffset();
            }
            fill(shorter, 0, 20);
            long shorterEnd = shorter.getMaxPhyOffset();
            try (LocalMessageStore slave = HaStores.slave(dir.resolve("s"), HaStores.port(shorter))) {
                await().atMost(WAIT).until(() -> slave.haStatus().master().state() == LinkState.STOPPED);
                String reason = slave.haStatus().master().reason();
                assertTrue(reason.contains(String.valueOf(slaveEnd)) && reason.contains(String.valueOf(shorterEnd)),
                        reason);
                assertEquals(slaveEnd, slave.getMaxPhyOffset(), "nothing of the shorter master was copied");
                assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE,
                        HaStores.put(shorter, HaStores.message(TOPIC, 0, 0, 10)).status(),
                        "a refused slave does not count");

                slave.updateHaMasterAddress("127.0.0.1:" + HaStores.port(first));
                fill(first, 200, 50);
                HaStores.awaitCaughtUp(first, slave);
                HaStores.assertSameCommitLog(first, slave, 0);
                assertEquals(LinkState.REPLICATING, slave.haStatus().master().state());
            }
        }
    }
}
