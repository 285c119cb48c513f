package io.apogee.broker.slave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.common.consumer.TopicGroup;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerOffsetSyncTest {

    private static final TopicGroup TG = new TopicGroup("T", "G");

    @TempDir
    Path dir;

    @Test
    void theMastersOffsetsWinUnlessTheMasterStoodStillWhileAConsumerCommittedToTheSlave() {
        ConsumerOffsetManager slave = new ConsumerOffsetManager(dir);
        ConsumerOffsetSync sync = new ConsumerOffsetSync();
        slave.commitOffset("G", "T", 1, 9);

        assertEquals(1, sync.apply(Map.of(TG, Map.of(0, 5L, 1, 9L)), slave), "first sync: the master's values");
        assertEquals(5, slave.queryOffset("G", "T", 0));

        slave.commitOffset("G", "T", 0, 8);
        assertEquals(0, sync.apply(Map.of(TG, Map.of(0, 5L, 1, 9L)), slave));
        assertEquals(8, slave.queryOffset("G", "T", 0), "the master did not move: the slave's consumer committed 8");

        assertEquals(1, sync.apply(Map.of(TG, Map.of(0, 3L, 1, 9L)), slave));
        assertEquals(3, slave.queryOffset("G", "T", 0), "the master moved (a reset back to 3): the master wins");
    }

    @Test
    void offsetsTheMasterLacksAreKept() {
        ConsumerOffsetManager slave = new ConsumerOffsetManager(dir);
        slave.commitOffset("G2", "T", 0, 4);
        new ConsumerOffsetSync().apply(Map.of(TG, Map.of(0, 1L)), slave);
        assertEquals(4, slave.queryOffset("G2", "T", 0));
        assertEquals(1, slave.queryOffset("G", "T", 0));
    }

    @Test
    void rocketMqsBareQueueIdsAndOursDecodeAlike() {
        Map<TopicGroup, Map<Integer, Long>> bare = ConsumerOffsetManager.decode(
                "{\"offsetTable\":{\"T@G\":{0:7,1:8},\"bad\":{0:1}}}", "test");
        Map<TopicGroup, Map<Integer, Long>> quoted = ConsumerOffsetManager.decode(
                "{\"offsetTable\":{\"T@G\":{\"0\":7,\"1\":8}}}", "test");
        assertEquals(Map.of(TG, Map.of(0, 7L, 1, 8L)), bare);
        assertEquals(bare, quoted);
    }
}
