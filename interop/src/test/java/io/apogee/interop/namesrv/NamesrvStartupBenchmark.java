package io.apogee.interop.namesrv;

import io.apogee.testsupport.ChildProcessServers;
import io.apogee.testsupport.FreePorts;
import io.apogee.testsupport.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up time of our NameServer and Apache's 4.9.7 {@code NamesrvStartup}, each in a fresh JVM with the same
 * classpath and flags: from launching {@code java} to the first accepted TCP connection on its port, then SIGTERM
 * and a graceful exit (a server that ignores SIGTERM fails the run). One discarded warm-up run each, then
 * alternating runs; prints min and median, and whether ours met its 1 s target (a figure, not an assertion: the
 * machine's load decides it as much as the code).
 */
@Tag("benchmark")
class NamesrvStartupBenchmark {

    private static final int RUNS = 7;
    private static final long TARGET_MILLIS = 1000;
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m");

    @TempDir
    Path home;

    @Test
    void startUpToAcceptingConnections() throws Exception {
        ChildProcessServers ourStartup = ChildProcessServers.apogee(JVM_OPTIONS);
        ChildProcessServers apacheStartup = new ChildProcessServers("org.apache.rocketmq.namesrv.NamesrvStartup",
                "org.apache.rocketmq.broker.BrokerStartup", JVM_OPTIONS);
        List<Long> ours = new ArrayList<>();
        List<Long> apache = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            long oursMillis = timeToAccept(ourStartup, "ours-" + run);
            long apacheMillis = timeToAccept(apacheStartup, "apache-" + run);
            if (run > 0) {
                ours.add(oursMillis);
                apache.add(apacheMillis);
            }
        }
        System.out.printf("RESULT NameServer start-up to accepting connections over %d runs (ms): ours min %d median"
                + " %d %s; Apache 4.9.7 min %d median %d %s; %d cores%n", RUNS, Collections.min(ours), median(ours),
                ours, Collections.min(apache), median(apache), apache, Runtime.getRuntime().availableProcessors());
        System.out.printf("RESULT our median %s the %d ms target%n", median(ours) < TARGET_MILLIS ? "meets" : "misses",
                TARGET_MILLIS);
    }

    private long timeToAccept(ChildProcessServers startup, String name) throws Exception {
        Path dir = Files.createDirectories(home.resolve(name));
        long start = System.nanoTime();
        RunningServer namesrv = startup.startNamesrv(FreePorts.any(), dir);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        namesrv.close();
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
