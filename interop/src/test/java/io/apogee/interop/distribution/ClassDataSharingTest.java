package io.apogee.interop.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.distribution.Distribution.Server;
import io.apogee.testsupport.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data sharing archive: the first start of a fresh installation writes it when the server
 * exits, the next start checks it and maps it at the address it was written for, so its read-only part stays
 * shared page cache instead of being relocated into private memory.
 */
class ClassDataSharingTest {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void secondStartMapsTheArchiveWrittenByTheFirstWithoutRelocatingIt() throws Exception {
        Distribution dist = Distribution.unpack(tmp);
        Map<String, String> env = dist.environment();
        env.put("APOGEE_CDS", null);
        int port = FreePorts.any();
        Path conf = Files.writeString(tmp.resolve("namesrv.properties"),
                "listenPort=" + port + "\nkvConfigPath=" + tmp.resolve("kv.json") + "\n");
        Path archives = dist.home().resolve("lib/.cds");

        try (Server first = dist.start("ns-first", env, "mqnamesrv", "-c", conf.toString())) {
            first.awaitOutput("boot success", START);
        }
        assertTrue(names(archives).stream().anyMatch(n -> n.startsWith("namesrv-") && n.endsWith(".jsa.new")),
                "the first start wrote an archive at exit: " + names(archives));

        try (Server second = dist.start("ns-second", env, "mqnamesrv", "-c", conf.toString())) {
            second.awaitOutput("boot success", START);
            String commandLine = Files.readString(Path.of("/proc", String.valueOf(second.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertTrue(commandLine.contains("-XX:ArchiveRelocationMode=0") && commandLine.matches(
                    "(?s).*-XX:SharedArchiveFile=\\S*namesrv-\\d+\\.jsa .*"), commandLine);
            List<String> maps = Files.readAllLines(Path.of("/proc", String.valueOf(second.pid()), "maps"));
            assertTrue(maps.stream().anyMatch(line -> line.matches("\\S+ r--p .*/namesrv-\\d+\\.jsa")),
                    "the archive's read-only part is mapped read-only (not relocated): " + String.join("\n", maps));
        }
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
