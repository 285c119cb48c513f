package io.apogee.interop.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageExt;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.core.LocalMessageStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.MessageExtBrokerInner;
import org.apache.rocketmq.store.SelectMappedBufferResult;
import org.apache.rocketmq.store.stats.BrokerStatsManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire compatibility of replication: Apache {@code rocketmq-store} 4.9.8's {@code HAService} (master) and
 * {@code HAClient} (slave) opposite ours, both directions, SYNC_MASTER so that every PUT_OK also proves the
 * acknowledgements are understood; checked by comparing commit-log bytes and consume-queue ends.
 */
class HaInteropTest {

    private static final int FILE = 1024 * 1024;
    private static final String TOPIC = "HaInterop";
    private static final int QUEUES = 4;
    private static final int COUNT = 3000;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] body(int i) {
        byte[] b = new byte[300 + i % 900];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (i * 31 + k);
        }
        return b;
    }

    private static DefaultMessageStore apache(Path root, String role, int haPort) throws Exception {
        org.apache.rocketmq.store.config.MessageStoreConfig c = new org.apache.rocketmq.store.config.MessageStoreConfig();
        c.setStorePathRootDir(root.toString());
        c.setStorePathCommitLog(root.resolve("commitlog").toString());
        c.setMappedFileSizeCommitLog(FILE);
        c.setBrokerRole(role);
        c.setHaListenPort(haPort);
        c.setHaSendHeartbeatInterval(1000);
        c.setSlaveTimeout(10_000);
        BrokerConfig broker = new BrokerConfig();
        // A slave's reput waits for a record still arriving only when brokerId is not 0, as in a real slave broker.
        broker.setBrokerId("SLAVE".equals(role) ? 1 : 0);
        DefaultMessageStore store = new DefaultMessageStore(c, new BrokerStatsManager("ha-interop", true),
                (topic, queueId, logicOffset, tagsCode, storeTime, filterBitMap, properties) -> { }, broker);
        if (!store.load()) {
            throw new IllegalStateException("Apache store did not load");
        }
        store.start();
        return store;
    }

    private static org.apache.rocketmq.store.PutMessageResult putApache(DefaultMessageStore store, int i) {
        MessageExtBrokerInner m = new MessageExtBrokerInner();
        m.setTopic(TOPIC);
        m.setQueueId(i % QUEUES);
        m.setBody(body(i));
        m.setTags("TagA");
        m.setKeys("key-" + i);
        m.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode("TagA"));
        m.setPropertiesString(MessageDecoder.messageProperties2String(m.getProperties()));
        m.setBornTimestamp(System.currentTimeMillis());
        m.setBornHost(HOST);
        m.setStoreHost(HOST);
        return store.putMessage(m);
    }

    private static MessageExt ours(int i) {
        MessageExt m = new MessageExt();
        m.setTopic(TOPIC);
        m.setQueueId(i % QUEUES);
        m.setBody(body(i));
        m.setTags("TagA");
        m.setKeys("key-" + i);
        m.setBornTimestamp(System.currentTimeMillis());
        m.setBornHost(HOST);
        m.setStoreHost(HOST);
        return m;
    }

    private MessageStoreConfig ourConfig(Path root, BrokerRole role) {
        MessageStoreConfig c = new MessageStoreConfig();
        c.setStorePathRootDir(root.toString());
        c.setMappedFileSizeCommitLog(FILE);
        c.setMappedFileSizeConsumeQueue(1000 * 20);
        c.setMaxMessageSize(64 * 1024);
        c.setMaxHashSlotNum(1000);
        c.setMaxIndexNum(4000);
        c.setBrokerRole(role);
        c.setHaListenPort(0);
        c.setHaSendHeartbeatInterval(1000);
        c.setSlaveTimeout(10_000);
        c.validate();
        return c;
    }

    private static byte[] apacheBytes(DefaultMessageStore store, long offset, int size) {
        SelectMappedBufferResult r = store.getCommitLogData(offset);
        assertNotNull(r, "Apache bytes at " + offset);
        try {
            byte[] out = new byte[Math.min(size, r.getSize())];
            r.getByteBuffer().get(out);
            return out;
        } finally {
            r.release();
        }
    }

    private static void assertSameBytes(LocalMessageStore ours, DefaultMessageStore apache) {
        long end = ours.getMaxPhyOffset();
        assertEquals(end, apache.getMaxPhyOffset());
        for (long offset = 0; offset < end; ) {
            ByteBuffer chunk = ours.getCommitLogData(offset, 64 * 1024);
            assertNotNull(chunk, "our bytes at " + offset);
            byte[] mine = new byte[chunk.remaining()];
            chunk.get(mine);
            assertArrayEquals(apacheBytes(apache, offset, mine.length), mine, "bytes at " + offset);
            offset += mine.length;
        }
    }

    @Test
    void ourSlaveReplicatesApachesSyncMaster() throws Exception {
        int haPort = freePort();
        DefaultMessageStore master = apache(dir.resolve("apache-master"), "SYNC_MASTER", haPort);
        try {
            MessageStoreConfig c = ourConfig(dir.resolve("our-slave"), BrokerRole.SLAVE);
            c.setHaMasterAddress("127.0.0.1:" + haPort);
            try (LocalMessageStore slave = new LocalMessageStore(c)) {
                slave.start();
                await().atMost(WAIT).until(() -> master.getHaService().getConnectionCount().get() > 0);
                for (int i = 0; i < COUNT; i++) {
                    assertEquals(org.apache.rocketmq.store.PutMessageStatus.PUT_OK, putApache(master, i)
                            .getPutMessageStatus(), "Apache's SYNC_MASTER got our slave's acknowledgement");
                }
                assertTrue(master.getMaxPhyOffset() > 2L * FILE);
                await().atMost(WAIT).until(() -> slave.getMaxPhyOffset() == master.getMaxPhyOffset());
                assertSameBytes(slave, master);
                for (int q = 0; q < QUEUES; q++) {
                    int queue = q;
                    await().atMost(WAIT).until(() -> slave.getMaxOffsetInQueue(TOPIC, queue) == COUNT / QUEUES);
                    assertEquals(master.getMaxOffsetInQueue(TOPIC, q), slave.getMaxOffsetInQueue(TOPIC, q));
                }
                assertEquals(1, slave.queryMessage(TOPIC, "key-" + (COUNT - 1), 32, 0, Long.MAX_VALUE)
                        .messages().size());
            }
        } finally {
            master.shutdown();
        }
    }

    @Test
    void apachesSlaveReplicatesOurSyncMaster() throws Exception {
        try (LocalMessageStore master = new LocalMessageStore(ourConfig(dir.resolve("our-master"),
                BrokerRole.SYNC_MASTER))) {
            master.start();
            DefaultMessageStore slave = apache(dir.resolve("apache-slave"), "SLAVE", freePort());
            try {
                slave.updateHaMasterAddress("127.0.0.1:" + master.haStatus().haListenPort());
                await().atMost(WAIT).until(() -> master.haStatus().slaves().stream()
                        .anyMatch(s -> s.ackedOffset() >= 0));
                List<CompletableFuture<PutMessageResult>> puts = new ArrayList<>();
                for (int i = 0; i < COUNT; i++) {
                    puts.add(master.putMessage(ours(i)));
                }
                for (CompletableFuture<PutMessageResult> f : puts) {
                    assertEquals(PutMessageStatus.PUT_OK, f.get(60, TimeUnit.SECONDS).status(),
                            "our SYNC_MASTER got Apache's slave's acknowledgement");
                }
                assertTrue(master.getMaxPhyOffset() > 2L * FILE);
                await().atMost(WAIT).until(() -> slave.getMaxPhyOffset() == master.getMaxPhyOffset());
                assertSameBytes(master, slave);
                for (int q = 0; q < QUEUES; q++) {
                    int queue = q;
                    await().atMost(WAIT).until(() -> slave.getMaxOffsetInQueue(TOPIC, queue) == COUNT / QUEUES);
                }
                assertEquals(0, master.haStatus().slaves().get(0).requestOffset(), "an empty slave reports 0");
            } finally {
                slave.shutdown();
            }
        }
    }
}
