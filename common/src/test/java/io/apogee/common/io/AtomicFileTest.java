package io.apogee.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @Test
    void writesReplacesAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        AtomicFile file = new AtomicFile(dir.resolve("config/topics.json"));
        assertTrue(file.read().isEmpty());
        file.write("{\"a\":1}");
        file.write("{\"a\":2}");
        assertEquals("{\"a\":2}", file.read().orElseThrow());
        assertFalse(Files.exists(dir.resolve("config/topics.json.tmp")));
    }
}
