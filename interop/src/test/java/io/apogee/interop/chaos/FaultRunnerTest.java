package io.apogee.interop.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.distribution.Distribution;
import io.apogee.tools.chaos.ChaosReport;
import io.apogee.tools.chaos.ChaosSettings;
import io.apogee.tools.chaos.Fault;
import io.apogee.tools.chaos.FaultRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fault run of {@code mqbench chaos} against the unpacked tarball: a SYNC_FLUSH broker killed with
 * {@code -9} and restarted, then paused with SIGSTOP and resumed, under sync sends and an orderly consumer; no
 * acknowledged message may be lost, and no server may outlive the run.
 */
class FaultRunnerTest {

    @TempDir
    Path tmp;

    @Test
    void syncFlushBrokerLosesNothingAcrossKillAndPause() throws Exception {
        Path unpacked = Files.createDirectories(tmp.resolve("dist"));
        Distribution.unpack(unpacked);
        Path home;
        try (Stream<Path> dirs = Files.list(unpacked)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ChaosSettings settings = new ChaosSettings(home, Files.createDirectories(tmp.resolve("work")), "SYNC_FLUSH",
                2, List.of(Fault.KILL, Fault.PAUSE), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofSeconds(40), 2, true);

        ChaosReport report = new FaultRunner(settings, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        report.print(new PrintStream(log, true, StandardCharsets.UTF_8));
        String output = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, report.faultsInjected("kill"), output);
        assertEquals(1, report.faultsInjected("pause"), output);
        assertTrue(report.acknowledged() > 0, output);
        assertEquals(0, report.lost(), output);
        assertTrue(output.contains("| lost "), output);
        await("no server outliving the run").atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
    }
}
