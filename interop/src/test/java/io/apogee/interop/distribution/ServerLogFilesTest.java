package io.apogee.interop.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.distribution.Distribution.Result;
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
 * Two NameServers from one installation on one host: each logs to its own file and GC log, each has its own default
 * KV file, and {@code -h} (which starts no server) rotates no GC log.
 */
class ServerLogFilesTest {

    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void eachNameServerHasItsOwnLogGcLogAndKvFile() throws Exception {
        Distribution dist = Distribution.unpack(tmp);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Map<String, String> env = dist.environment();
        env.put("HOME", home.toString());
        env.put("JAVA_OPT", "-Duser.home=" + home);
        int first = FreePorts.any();
        int second = FreePorts.any();
        Path logs = dist.home().resolve("logs");

        try (Server a = dist.start("ns-a", env, "mqnamesrv", "-c", conf("a", first).toString());
                Server b = dist.start("ns-b", env, "mqnamesrv", "-c", conf("b", second).toString())) {
            a.awaitOutput("boot success. listenPort=" + first, START);
            b.awaitOutput("boot success. listenPort=" + second, START);
            List<String> before = gcFiles(logs);

            Result help = dist.run(env, "mqnamesrv", "-h");
            assertEquals(0, help.exitCode(), help.output());
            assertEquals(before, gcFiles(logs), "-h rotated a GC log");

            assertEquals(0, dist.run(env, "mqshutdown", "namesrv").exitCode());
            a.awaitExit(START);
            b.awaitExit(START);
        }
        for (int port : new int[] {first, second}) {
            String log = Files.readString(logs.resolve("namesrv-" + port + ".log"));
            assertTrue(log.contains("port=" + port) && log.contains("NameServer stopped"), log);
            assertTrue(log.contains(home.resolve("namesrv").resolve("kvConfig-" + port + ".json").toString()), log);
            assertTrue(Files.exists(logs.resolve("namesrv-" + port + "_gc.log")), "GC log of the one on " + port);
        }
        assertFalse(Files.exists(logs.resolve("namesrv.log")), "no shared log");
    }

    private Path conf(String name, int port) throws Exception {
        return Files.writeString(tmp.resolve(name + ".properties"), "listenPort=" + port + "\n");
    }

    private static List<String> gcFiles(Path logs) throws Exception {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("_gc.log")).sorted().toList();
        }
    }
}
