package io.apogee.store.ha;

import static io.apogee.store.ha.HaStores.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.store.BrokerRole;
import io.apogee.store.FlushDiskType;
import io.apogee.store.GetMessageResult;
import io.apogee.store.HaStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.core.LocalMessageStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ASYNC_MASTER and its slave in one JVM: the slave holds the same bytes and answers the same reads. */
class AsyncReplicationTest {

    private static final String TOPIC = "HaAsync";
    private static final int QUEUES = 4;

    @TempDir
    Path dir;

    @Test
    void slaveCopiesEveryByteAndBuildsTheSameQueuesAndIndex() throws Exception {
        try (LocalMessageStore master = HaStores.master(dir.resolve("m"), BrokerRole.ASYNC_MASTER,
                FlushDiskType.ASYNC_FLUSH);
                LocalMessageStore slave = HaStores.slave(dir.resolve("s"), HaStores.port(master))) {
            HaStores.awaitSlave(master);
            int n = 5000;
            for (int i = 0; i < n; i++) {
                assertEquals(PutMessageStatus.PUT_OK,
                        HaStores.put(master, HaStores.message(TOPIC, i % QUEUES, i, 200 + i % 1500)).status());
            }
            assertTrue(master.getMaxPhyOffset() > 4L * 1024 * 1024, "several commit-log files");
            HaStores.awaitCaughtUp(master, slave);
            HaStores.assertSameCommitLog(master, slave, 0);
            assertEquals(HaStores.commitLogFiles(dir.resolve("m"), master.getMaxPhyOffset()),
                    HaStores.commitLogFiles(dir.resolve("s"), slave.getMaxPhyOffset()));

            await().atMost(WAIT).until(() -> slave.getMaxOffsetInQueue(TOPIC, QUEUES - 1) == n / QUEUES);
            for (int q = 0; q < QUEUES; q++) {
                assertEquals(master.getMaxOffsetInQueue(TOPIC, q), slave.getMaxOffsetInQueue(TOPIC, q));
                for (long offset = 0; offset < n / QUEUES; ) {
                    GetMessageResult m = master.getMessage("g", TOPIC, q, offset, 32, MessageFilter.ALL);
                    GetMessageResult s = slave.getMessage("g", TOPIC, q, offset, 32, MessageFilter.ALL);
                    assertEquals(m.status(), s.status());
                    assertEquals(m.nextBeginOffset(), s.nextBeginOffset());
                    assertEquals(m.messages(), s.messages(), "queue " + q + " from " + offset);
                    offset = m.nextBeginOffset();
                }
            }
            for (int i : new int[] {0, 1, 2499, n - 1}) {
                List<ByteBuffer> m = master.queryMessage(TOPIC, "key-" + i, 32, 0, Long.MAX_VALUE).messages();
                assertEquals(1, m.size());
                assertEquals(m, slave.queryMessage(TOPIC, "key-" + i, 32, 0, Long.MAX_VALUE).messages());
            }

            HaStatus.Slave seen = master.haStatus().slaves().get(0);
            await().atMost(WAIT).until(() -> master.haStatus().slaves().get(0).behindBytes() == 0);
            assertEquals(0, seen.requestOffset(), "an empty slave reports 0");
            HaStatus.Master link = slave.haStatus().master();
            assertEquals(HaStatus.LinkState.REPLICATING, link.state());
            assertTrue(link.connected());
            assertEquals("127.0.0.1:" + HaStores.port(master), link.address());
        }
    }

    @Test
    void aNewSlaveOfAMasterWithDataStartsAtTheMastersLastFile() throws Exception {
        try (LocalMessageStore master = HaStores.master(dir.resolve("m"), BrokerRole.ASYNC_MASTER,
                FlushDiskType.ASYNC_FLUSH)) {
            for (int i = 0; i < 2500; i++) {
                HaStores.put(master, HaStores.message(TOPIC, i % QUEUES, i, 1000));
            }
            long lastFile = master.getMaxPhyOffset() - master.getMaxPhyOffset() % (1024 * 1024);
            assertTrue(lastFile >= 2 * 1024 * 1024);
            try (LocalMessageStore slave = HaStores.slave(dir.resolve("s"), HaStores.port(master))) {
                HaStores.awaitCaughtUp(master, slave);
                assertEquals(lastFile, slave.getMinPhyOffset());
                HaStores.assertSameCommitLog(master, slave, lastFile);
                long lastQueueOffset = master.getMaxOffsetInQueue(TOPIC, 1) - 1;
                await().atMost(WAIT).until(() -> slave.getMaxOffsetInQueue(TOPIC, 1) == lastQueueOffset + 1);
                assertEquals(master.getMessage("g", TOPIC, 1, lastQueueOffset, 1, MessageFilter.ALL).messages(),
                        slave.getMessage("g", TOPIC, 1, lastQueueOffset, 1, MessageFilter.ALL).messages());
            }
        }
    }

    @Test
    void aSlaveRefusesAppends() throws Exception {
        try (LocalMessageStore slave = HaStores.slave(dir.resolve("s"), 1)) {
            assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE,
                    HaStores.put(slave, HaStores.message(TOPIC, 0, 0, 10)).status());
            assertEquals(0, slave.getMaxPhyOffset());
            assertEquals(BrokerRole.SLAVE, slave.haStatus().role());
        }
    }
}
