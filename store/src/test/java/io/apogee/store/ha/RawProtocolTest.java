package io.apogee.store.ha;

import static io.apogee.store.ha.HaStores.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.store.BrokerRole;
import io.apogee.store.HaStatus;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.StoreFixture;
import io.apogee.store.core.LocalMessageStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's side of the wire protocol, checked with a hand-written socket client. */
class RawProtocolTest {

    private static final int FILE = 1024 * 1024;
    private static final int BATCH = 8 * 1024;

    @TempDir
    Path dir;

    private MessageStoreConfig config;

    @BeforeEach
    void config() {
        config = HaStores.config(dir, BrokerRole.ASYNC_MASTER);
        config.setHaTransferBatchSize(BATCH);
        config.setHaHousekeepingInterval(1500);
        config.validate();
    }

    private static void fill(LocalMessageStore master, int count) {
        for (int i = 0; i < count; i++) {
            HaStores.put(master, HaStores.message("Raw", i % 2, i, 1000));
        }
    }

    /** Reads frames from {@code from} to the master's end, checking them against its commit log; then a heartbeat. */
    private static void readToEnd(RawSlave raw, LocalMessageStore master, long from) throws Exception {
        long expected = from;
        long end = master.getMaxPhyOffset();
        while (expected < end) {
            RawSlave.Frame f = raw.readData();
            assertEquals(expected, f.offset(), "frames are contiguous");
            assertTrue(f.data().length > 0 && f.data().length <= BATCH, "size " + f.data().length);
            assertEquals(f.offset() / FILE, (f.end() - 1) / FILE, "a frame never crosses a file end");
            ByteBuffer stored = master.getCommitLogData(f.offset(), f.data().length);
            assertNotNull(stored);
            assertArrayEquals(HaStores.bytes(stored), f.data());
            expected = f.end();
            raw.report(expected);
        }
        RawSlave.Frame heartbeat = raw.read();
        assertTrue(heartbeat.heartbeat());
        assertEquals(end, heartbeat.offset());
    }

    @Test
    void reportZeroStreamsFromTheLastFileAndAnOffsetStreamsFromThere() throws Exception {
        try (LocalMessageStore master = StoreFixture.open(config)) {
            fill(master, 2600);
            long end = master.getMaxPhyOffset();
            assertTrue(end > 2L * FILE);
            try (RawSlave raw = new RawSlave(HaStores.port(master))) {
                raw.report(0);
                readToEnd(raw, master, end - end % FILE);
                HaStatus.Slave s = master.haStatus().slaves().get(0);
                assertEquals(0, s.requestOffset());
                assertEquals(end, s.ackedOffset());
                assertEquals(0, s.behindBytes());
            }
            try (RawSlave raw = new RawSlave(HaStores.port(master))) {
                raw.report(12_345);
                readToEnd(raw, master, 12_345);
            }
        }
    }

    @Test
    void aReportBeyondWhatWasSentClosesTheConnectionAndIsNeverCounted() throws Exception {
        try (LocalMessageStore master = StoreFixture.open(config)) {
            fill(master, 100);
            try (RawSlave raw = new RawSlave(HaStores.port(master))) {
                raw.report(1000);
                RawSlave.Frame first = raw.readData();
                assertEquals(1000, first.offset());
                raw.report(first.end() + 1);
                assertTrue(raw.closedByMasterWithin(10_000));
                await().atMost(WAIT).until(() -> master.haStatus().slaves().isEmpty());
            }
        }
    }

    @Test
    void aSlaveAheadOfTheMasterIsRefusedWithTheMastersEnd() throws Exception {
        try (LocalMessageStore master = StoreFixture.open(config)) {
            fill(master, 10);
            long end = master.getMaxPhyOffset();
            try (RawSlave raw = new RawSlave(HaStores.port(master))) {
                raw.report(end + 500);
                RawSlave.Frame f = raw.read();
                assertTrue(f.heartbeat());
                assertEquals(end, f.offset(), "the header names the master's end, below the slave's");
                HaStatus.Slave s = master.haStatus().slaves().get(0);
                assertEquals(-1, s.ackedOffset());
                assertTrue(s.refusedReason().contains(String.valueOf(end + 500)), s.refusedReason());
            }
        }
    }

    @Test
    void aSilentSlaveIsClosedAfterTheHousekeepingInterval() throws Exception {
        try (LocalMessageStore master = StoreFixture.open(config)) {
            try (RawSlave raw = new RawSlave(HaStores.port(master))) {
                long start = System.nanoTime();
                assertTrue(raw.closedByMasterWithin(20_000));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= 1400, "closed after " + millis + " ms");
            }
            await().atMost(WAIT).until(() -> master.haStatus().slaves().isEmpty());
        }
    }
}
