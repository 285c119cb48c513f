package io.apogee.interop.namesrv;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * and a graceful exit. One discarded warm-up run each, then alternating runs; prints min and median.
 */
@Tag("benchmark")
class NamesrvStartupBenchmark {

    private static final int RUNS = 7;

    @TempDir
    Path home;

    @Test
    void startUpToAcceptingConnections() throws Exception {
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("logback_namesrv.xml"), "<configuration/>");
        List<Long> ours = new ArrayList<>();
        List<Long> apache = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            long oursMillis = timeToAccept("io.apogee.namesrv.NamesrvStartup", "ours-" + run);
            long apacheMillis = timeToAccept("org.apache.rocketmq.namesrv.NamesrvStartup", "apache-" + run);
            if (run > 0) {
                ours.add(oursMillis);
                apache.add(apacheMillis);
            }
        }
        System.out.printf("NameServer start-up to accepting connections over %d runs (ms): ours min %d median %d %s;"
                + " Apache 4.9.7 min %d median %d %s; %d cores%n", RUNS, Collections.min(ours), median(ours), ours,
                Collections.min(apache), median(apache), apache, Runtime.getRuntime().availableProcessors());
        assertTrue(median(ours) < 1000, "ours must accept connections within 1 s, median was " + median(ours));
    }

    private long timeToAccept(String mainClass, String name) throws IOException, InterruptedException {
        int port = FreePorts.any();
        Path dir = Files.createDirectories(home.resolve(name));
        Path config = Files.writeString(dir.resolve("namesrv.conf"), "listenPort=" + port + "\nkvConfigPath="
                + dir.resolve("kvConfig.json") + "\nconfigStorePath=" + dir.resolve("namesrv.properties") + "\n");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Drocketmq.home.dir=" + home, "-Duser.home=" + dir, "-cp",
                System.getProperty("java.class.path"), mainClass, "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                    .until(() -> accepts(port) || !process.isAlive());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(process.isAlive(), name + " exited: " + Files.readString(dir.resolve("out.log")));
            return millis;
        } finally {
            process.destroy();
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), name + " did not exit on SIGTERM");
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
