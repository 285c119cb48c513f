package io.apogee.store.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.apogee.common.message.MessageExt;
import io.apogee.store.BrokerRole;
import io.apogee.store.FlushDiskType;
import io.apogee.store.HaStatus;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutMessageResult;
import io.apogee.store.StoreFixture;
import io.apogee.store.core.LocalMessageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Master and slave stores in one JVM on loopback: small files, short HA intervals, port 0. */
final class HaStores {

    static final Duration WAIT = Duration.ofSeconds(60);

    private HaStores() {
    }

    /** 1 MiB commit-log files, 500 ms heartbeats, 5 s housekeeping, 1 s slaveTimeout, any free HA port. */
    static MessageStoreConfig config(Path dir, BrokerRole role) {
        MessageStoreConfig c = StoreFixture.config(dir);
        c.setBrokerRole(role);
        c.setHaListenPort(0);
        c.setHaSendHeartbeatInterval(500);
        c.setHaHousekeepingInterval(5000);
        c.setSlaveTimeout(1000);
        c.validate();
        return c;
    }

    static LocalMessageStore master(Path dir, BrokerRole role, FlushDiskType flush) throws IOException {
        MessageStoreConfig c = config(dir, role);
        c.setFlushDiskType(flush);
        return StoreFixture.open(c);
    }

    /** A slave of the master whose HA port is {@code port}, given by {@code haMasterAddress}. */
    static LocalMessageStore slave(Path dir, int port) throws IOException {
        MessageStoreConfig c = config(dir, BrokerRole.SLAVE);
        c.setHaMasterAddress("127.0.0.1:" + port);
        c.validate();
        return StoreFixture.open(c);
    }

    static int port(LocalMessageStore master) {
        return master.haStatus().haListenPort();
    }

    /** A keyed message of about {@code bodySize} bytes. */
    static MessageExt message(String topic, int queueId, int i, int bodySize) {
        byte[] body = new byte[bodySize];
        for (int b = 0; b < body.length; b++) {
            body[b] = (byte) (i + b);
        }
        return StoreFixture.message(topic, queueId, body, "T" + (i % 3), "key-" + i);
    }

    static PutMessageResult put(LocalMessageStore store, MessageExt m) {
        return store.putMessage(m).join();
    }

    /** Waits until the master sees one connected slave that has reported. */
    static HaStatus.Slave awaitSlave(LocalMessageStore master) {
        await().atMost(WAIT).until(() -> master.haStatus().slaves().stream().anyMatch(s -> s.ackedOffset() >= 0));
        return master.haStatus().slaves().get(0);
    }

    /** Waits until the slave's commit log ends where the master's does. */
    static void awaitCaughtUp(LocalMessageStore master, LocalMessageStore slave) {
        await().atMost(WAIT).until(() -> slave.getMaxPhyOffset() == master.getMaxPhyOffset());
    }

    /** Asserts both commit logs hold the same bytes in the same files from {@code from} to the master's end. */
    static void assertSameCommitLog(LocalMessageStore master, LocalMessageStore slave, long from) {
        long end = master.getMaxPhyOffset();
        assertEquals(end, slave.getMaxPhyOffset());
        for (long offset = from; offset < end; ) {
            ByteBuffer m = master.getCommitLogData(offset, 64 * 1024);
            ByteBuffer s = slave.getCommitLogData(offset, 64 * 1024);
            assertNotNull(m, "master bytes at " + offset);
            assertNotNull(s, "slave bytes at " + offset);
            assertEquals(m.remaining(), s.remaining(), "chunk length at " + offset);
            assertArrayEquals(bytes(m), bytes(s), "bytes at " + offset);
            offset += m.remaining();
        }
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Names of the commit-log files under a store root starting below {@code end} (no next file prepared ahead). */
    static List<String> commitLogFiles(Path root, long end) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("commitlog"))) {
            return s.map(p -> p.getFileName().toString()).filter(name -> Long.parseLong(name) < end).sorted()
                    .toList();
        }
    }
}
