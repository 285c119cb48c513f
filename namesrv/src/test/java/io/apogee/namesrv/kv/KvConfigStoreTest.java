package io.apogee.namesrv.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvConfigStoreTest {

    @TempDir
    Path dir;

    @Test
    void valuesSurviveARestartInRocketMqsFileFormat() throws IOException {
        Path file = dir.resolve("namesrv/kvConfig.json");
        KvConfigStore store = new KvConfigStore(file);
        store.load();
        store.put("ORDER_TOPIC_CONFIG", "T", "b1:2;b2:2");
        store.put("ns", "k", "v1");
        store.put("ns", "k", "v2");
        store.put("ns", "gone", "x");
        store.delete("ns", "gone");

        assertEquals("{\"configTable\":{\"ORDER_TOPIC_CONFIG\":{\"T\":\"b1:2;b2:2\"},\"ns\":{\"k\":\"v2\"}}}",
                Files.readString(file));
        KvConfigStore reloaded = new KvConfigStore(file);
        reloaded.load();
        assertEquals(Optional.of("v2"), reloaded.get("ns", "k"));
        assertEquals(Optional.of(Map.of("T", "b1:2;b2:2")), reloaded.namespace("ORDER_TOPIC_CONFIG"));
        assertTrue(reloaded.get("ns", "gone").isEmpty());
        assertTrue(reloaded.namespace("none").isEmpty());
        assertTrue(Files.notExists(dir.resolve("namesrv/kvConfig.json.tmp")));
    }

    @Test
    void deletingTheLastKeyKeepsAnEmptyNamespace() throws IOException {
        KvConfigStore store = new KvConfigStore(dir.resolve("kv.json"));
        store.put("ns", "k", "v");
        store.delete("ns", "k");
        store.delete("ns", "never");
        store.delete("none", "never");
        assertEquals(Optional.of(Map.of()), store.namespace("ns"));
    }

    @Test
    void aCorruptFileStopsTheLoadNamingThePath() throws IOException {
        Path file = dir.resolve("kv.json");
        Files.writeString(file, "{\"configTable\":");
        IOException e = assertThrows(IOException.class, () -> new KvConfigStore(file).load());
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void aMissingOrEmptyFileMeansNoConfig() throws IOException {
        KvConfigStore missing = new KvConfigStore(dir.resolve("none.json"));
        missing.load();
        assertTrue(missing.namespace("ns").isEmpty());
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        KvConfigStore blank = new KvConfigStore(empty);
        blank.load();
        assertTrue(blank.namespace("ns").isEmpty());
    }
}
