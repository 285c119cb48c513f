package io.apogee.store.ha;

import static io.apogee.store.ha.HaStores.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.store.BrokerRole;
import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.StoreFixture;
import io.apogee.store.core.LocalMessageStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SYNC_MASTER: answers only after a slave confirmed the bytes, at once without a slave, after slaveTimeout else. */
class SyncMasterTest {

    private static final String TOPIC = "HaSync";

    @TempDir
    Path dir;

    @Test
    void anAppendCompletesOnlyOnceTheSlaveHoldsItsBytes() throws Exception {
        for (FlushDiskType flush : FlushDiskType.values()) {
            Path root = dir.resolve(flush.name());
            try (LocalMessageStore master = HaStores.master(root.resolve("m"), BrokerRole.SYNC_MASTER, flush);
                    LocalMessageStore slave = HaStores.slave(root.resolve("s"), HaStores.port(master))) {
                HaStores.awaitSlave(master);
                List<CompletableFuture<PutMessageResult>> pending = new ArrayList<>();
                List<Long> slaveEndAtCompletion = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    CompletableFuture<PutMessageResult> f = master.putMessage(HaStores.message(TOPIC, i % 2, i, 500));
                    pending.add(f.whenComplete((r, e) -> {
                        synchronized (slaveEndAtCompletion) {
                            slaveEndAtCompletion.add(r.wroteOffset() + r.wroteBytes() - slave.getMaxPhyOffset());
                        }
                    }));
                }
                for (CompletableFuture<PutMessageResult> f : pending) {
                    assertEquals(PutMessageStatus.PUT_OK, f.get(30, TimeUnit.SECONDS).status(), flush.name());
                }
                synchronized (slaveEndAtCompletion) {
                    assertTrue(slaveEndAtCompletion.stream().allMatch(d -> d <= 0),
                            "every completed append was already in the slave's commit log");
                }
                assertTrue(master.haStatus().slaves().get(0).ackedOffset() >= pending.get(1999).join().wroteOffset());
            }
        }
    }

    @Test
    void withoutASlaveTheAnswerIsSlaveNotAvailableAtOnce() throws Exception {
        for (FlushDiskType flush : FlushDiskType.values()) {
            try (LocalMessageStore master = HaStores.master(dir.resolve(flush.name()), BrokerRole.SYNC_MASTER,
                    flush)) {
                long start = System.nanoTime();
                PutMessageResult r = HaStores.put(master, HaStores.message(TOPIC, 0, 0, 100));
                assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE, r.status());
                assertTrue(r.status().isStored());
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 900,
                        "not waiting for slaveTimeout");
                MessageExt noWait = HaStores.message(TOPIC, 0, 1, 100);
                noWait.putProperty(MessageProperty.WAIT_STORE_MSG_OK, "false");
                assertEquals(PutMessageStatus.PUT_OK, HaStores.put(master, noWait).status());
            }
        }
    }

    @Test
    void aSlaveThatStopsReadingTimesOutAfterSlaveTimeout() throws Exception {
        try (LocalMessageStore master = HaStores.master(dir, BrokerRole.SYNC_MASTER, FlushDiskType.ASYNC_FLUSH)) {
            HaStores.put(master, HaStores.message(TOPIC, 0, 0, 100));
            try (RawSlave raw = new RawSlave(HaStores.port(master))) {
                raw.report(master.getMaxPhyOffset());
                HaStores.awaitSlave(master);
                long start = System.nanoTime();
                PutMessageResult r = HaStores.put(master, HaStores.message(TOPIC, 0, 1, 100));
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(PutMessageStatus.FLUSH_SLAVE_TIMEOUT, r.status());
                assertTrue(waited >= 950 && waited < 10_000, "waited " + waited + " ms for slaveTimeout 1000");
                RawSlave.Frame frame = raw.readData();
                assertEquals(r.wroteOffset(), frame.offset(), "the master still streamed the message");
                raw.report(frame.end());
                await().atMost(WAIT).until(() -> master.haStatus().slaves().get(0).ackedOffset() == frame.end());

                CompletableFuture<PutMessageResult> next = master.putMessage(HaStores.message(TOPIC, 0, 2, 100));
                RawSlave.Frame nextFrame = raw.readData();
                assertEquals(frame.end(), nextFrame.offset());
                assertTrue(!next.isDone(), "not answered before the slave's report");
                raw.report(nextFrame.end() - 1);
                raw.report(nextFrame.end());
                assertEquals(PutMessageStatus.PUT_OK, next.get(30, TimeUnit.SECONDS).status());
            }
        }
    }

    @Test
    void aSlaveTooFarBehindMakesTheAnswerSlaveNotAvailable() throws Exception {
        MessageStoreConfig c = HaStores.config(dir, BrokerRole.SYNC_MASTER);
        c.setHaSlaveFallbehindMax(64 * 1024);
        try (LocalMessageStore master = StoreFixture.open(c)) {
            for (int i = 0; i < 100; i++) {
                HaStores.put(master, HaStores.message(TOPIC, 0, i, 1000));
            }
            try (RawSlave raw = new RawSlave(HaStores.port(master))) {
                raw.report(1000);
                HaStores.awaitSlave(master);
                assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE,
                        HaStores.put(master, HaStores.message(TOPIC, 0, 100, 100)).status());
            }
        }
    }
}
