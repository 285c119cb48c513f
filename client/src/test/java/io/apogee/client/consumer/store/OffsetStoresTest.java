package io.apogee.client.consumer.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.ClientConfig;
import io.apogee.client.MQClientException;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQClientManager;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeBroker;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.common.message.MessageQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offsets in a local file (broadcasting) and on the broker (clustering). */
class OffsetStoresTest {

    private static final String GROUP = "offsetGroup";
    private static final MessageQueue Q0 = new MessageQueue("T", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("T", "broker-a", 1);

    @TempDir
    Path dir;

    @Test
    void aLocalFileKeepsOffsetsAcrossStoresAndIsReadAgainForAQueueTakenBack() throws Exception {
        LocalFileOffsetStore first = new LocalFileOffsetStore(dir, "127.0.0.1@a", GROUP);
        first.load();
        first.updateOffset(Q0, 5, false);
        first.updateOffset(Q0, 3, true);
        first.updateOffset(Q1, 9, false);
        assertEquals(5, first.readOffset(Q0, ReadOffsetType.READ_FROM_MEMORY), "increase-only ignores 3");
        first.persistAll(Set.of(Q0, Q1));

        LocalFileOffsetStore second = new LocalFileOffsetStore(dir, "127.0.0.1@a", GROUP);
        second.load();
        assertEquals(Map.of(Q0, 5L, Q1, 9L), second.cloneOffsetTable("T"));
        second.removeOffset(Q0);
        assertEquals(OffsetStore.NO_OFFSET, second.readOffset(Q0, ReadOffsetType.READ_FROM_MEMORY));
        assertEquals(5, second.readOffset(Q0, ReadOffsetType.READ_FROM_STORE), "the file still has it");
        assertEquals(5, second.readOffset(Q0, ReadOffsetType.READ_FROM_MEMORY), "and memory has it again");
        assertEquals(OffsetStore.NO_OFFSET, new LocalFileOffsetStore(dir, "127.0.0.1@b", GROUP)
                .readOffset(Q0, ReadOffsetType.MEMORY_FIRST_THEN_STORE), "another client id, another file");
        second.updateConsumeOffsetToBroker(Q1, 1, false);
        assertEquals(9, second.readOffset(Q1, ReadOffsetType.READ_FROM_MEMORY), "local offsets go to no broker");
    }

    @Test
    void theBrokerAnswersReadsAndReceivesPersistedOffsets() throws Exception {
        try (FakeNamesrv namesrv = new FakeNamesrv(); FakeBroker broker = new FakeBroker("broker-a")) {
            namesrv.putRoute("T", FakeNamesrv.route(2, broker));
            MQClientInstance instance = MQClientManager.getOrCreate(ClientConfigs.using(new ClientConfig(),
                    namesrv.address()));
            instance.start();
            try {
                RemoteBrokerOffsetStore store = new RemoteBrokerOffsetStore(instance, GROUP);
                broker.setOffset(GROUP, "T", 0, 7);

                assertEquals(7, store.readOffset(Q0, ReadOffsetType.READ_FROM_STORE), "the route is fetched first");
                assertEquals(OffsetStore.NO_OFFSET, store.readOffset(Q1, ReadOffsetType.MEMORY_FIRST_THEN_STORE));
                store.updateOffset(Q0, 8, true);
                store.updateOffset(Q1, 2, false);
                assertEquals(8, store.readOffset(Q0, ReadOffsetType.MEMORY_FIRST_THEN_STORE));
                store.persistAll(Set.of(Q0, Q1));

                await().atMost(Duration.ofSeconds(20)).until(() -> Long.valueOf(8).equals(broker.offset(GROUP, "T", 0))
                        && Long.valueOf(2).equals(broker.offset(GROUP, "T", 1)));
                store.updateConsumeOffsetToBroker(Q1, 4, false);
                assertEquals(4L, broker.offset(GROUP, "T", 1), "a two-way update is stored when it returns");
                MQClientException unknown = assertThrows(MQClientException.class,
                        () -> store.updateConsumeOffsetToBroker(new MessageQueue("T", "broker-z", 0), 1, true));
                assertTrue(unknown.getMessage().contains("broker-z"), unknown.getMessage());
                broker.close();
                assertEquals(OffsetStore.READ_FAILED, store.readOffset(Q1, ReadOffsetType.READ_FROM_STORE));
            } finally {
                instance.shutdownIfUnused();
            }
        }
    }
}
