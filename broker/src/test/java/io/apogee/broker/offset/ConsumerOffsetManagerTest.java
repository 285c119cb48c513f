package io.apogee.broker.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerOffsetManagerTest {

    @Test
    void offsetsSurviveARestartAndCanBeForgotten(@TempDir Path dir) throws Exception {
        ConsumerOffsetManager offsets = new ConsumerOffsetManager(dir);
        offsets.commitOffset("g1", "%RETRY%g1", 0, 3);
        offsets.commitOffset("g1", "T", 0, 7);
        offsets.commitOffset("g1", "T", 1, 9);
        offsets.commitOffset("g2", "T", 1, 1);
        offsets.persist();

        ConsumerOffsetManager reloaded = new ConsumerOffsetManager(dir);
        reloaded.load();
        assertEquals(7, reloaded.queryOffset("g1", "T", 0));
        assertEquals(-1, reloaded.queryOffset("g1", "T", 2));
        assertEquals(Map.of(0, 7L, 1, 9L), reloaded.offsetsOf("g1", "T"));
        assertEquals(Set.of("T", "%RETRY%g1"), reloaded.topicsOf("g1"));
        assertEquals(Set.of("g1", "g2"), reloaded.groupsOf("T"));

        reloaded.removeGroup("g1");
        assertEquals(Set.of("g2"), reloaded.groupsOf("T"));
        reloaded.removeTopic("T");
        assertEquals(-1, reloaded.queryOffset("g2", "T", 1));
    }
}
