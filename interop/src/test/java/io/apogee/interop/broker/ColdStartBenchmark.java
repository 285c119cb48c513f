package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;

import io.apogee.interop.distribution.ScriptServers;
import io.apogee.testsupport.ChildProcessServers;
import io.apogee.testsupport.FreePorts;
import io.apogee.testsupport.RunningServer;
import io.apogee.testsupport.ServerLauncher;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold start, ours against Apache 4.9.7, each server in its own JVM: launch to the NameServer answering a
 * {@code GET_BROKER_CLUSTER_INFO} (106), then launch of the broker to that answer naming it (registered). Ours runs
 * {@code bin/mqnamesrv} and {@code bin/mqbroker} of the tarball with the launcher's defaults (its class-data
 * sharing archive written by an unmeasured first start); Apache runs its start-up classes with the JVM options of
 * {@link BrokerBenchmark} (its {@code bin/runbroker.sh} for Java 9+, 1 GiB heap). Each figure is the median of
 * {@code coldstart.rounds} (default 3) after that unmeasured start. Prints a {@code RESULT} table and asserts only
 * that every server answered: run with {@code mvn -B -ntp verify -Dbenchmarks -pl interop -am}
 * {@code -Dtest=ColdStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>On the loaded 2-core development machine (load average 7 to 14, other builds running), 2026-12-01, ms:
 * <pre>
 * | figure                         | Apache                      | Apogee                   | Apogee / Apache |
 * | launch to NameServer answering | 7038 (5677, 7038, 7270)     | 1455 (1455, 1569, 1389)  | 0.21            |
 * | launch to broker registered    | 11643 (10141, 11643, 12554) | 2300 (2300, 1815, 2324)  | 0.20            |
 * </pre>
 * Without the launcher's class-data sharing ({@code APOGEE_CDS=off}) ours took 3.0 to 3.4 s and 4.0 to 5.4 s there.
 */
@Tag("benchmark")
class ColdStartBenchmark {

    private static final int ROUNDS = Integer.getInteger("coldstart.rounds", 3);
    private static final int GET_BROKER_CLUSTER_INFO = 106;
    private static final String BROKER = "coldstart";
    private static final Duration LIMIT = Duration.ofSeconds(60);
    @TempDir
    Path dir;

    @Test
    void compareColdStarts() throws Exception {
        ServerLauncher apogee = ScriptServers.unpack(Files.createDirectories(dir.resolve("dist")), "");
        ServerLauncher apache = new ChildProcessServers("org.apache.rocketmq.namesrv.NamesrvStartup",
                "org.apache.rocketmq.broker.BrokerStartup", BrokerBenchmark.APACHE_JVM);
        long[][] ours = rounds("apogee", apogee);
        long[][] theirs = rounds("apache", apache);
        System.out.printf("RESULT cold start, median of %d rounds after one unmeasured start (ms)%n", ROUNDS);
        System.out.println("RESULT | figure | Apache | Apogee | Apogee / Apache |");
        System.out.println("RESULT |---|---|---|---|");
        row("launch to NameServer answering", theirs[0], ours[0]);
        row("launch to broker registered", theirs[1], ours[1]);
    }

    /** Launch-to-answering and launch-to-registered millis of each measured round, after one unmeasured round. */
    private long[][] rounds(String kind, ServerLauncher launcher) throws Exception {
        long[][] millis = new long[2][ROUNDS];
        for (int round = 0; round <= ROUNDS; round++) {
            long[] figures = startOnce(launcher, Files.createDirectories(dir.resolve(kind + "-" + round)));
            System.out.printf("%s round %d: NameServer answering %d ms, broker registered %d ms%n", kind, round,
                    figures[0], figures[1]);
            if (round > 0) {
                millis[0][round - 1] = figures[0];
                millis[1][round - 1] = figures[1];
            }
        }
        return millis;
    }

    private static long[] startOnce(ServerLauncher launcher, Path roundDir) throws Exception {
        int namesrvPort = FreePorts.any();
        long launched = System.nanoTime();
        try (RunningServer namesrv = launcher.startNamesrv(namesrvPort, Files.createDirectories(
                roundDir.resolve("namesrv")))) {
            awaitAnswer(namesrvPort, body -> true);
            long answering = System.nanoTime() - launched;
            Properties conf = new Properties();
            conf.setProperty("brokerName", BROKER);
            conf.setProperty("listenPort", String.valueOf(FreePorts.forBroker()));
            conf.setProperty("namesrvAddr", "127.0.0.1:" + namesrvPort);
            conf.setProperty("storePathRootDir", roundDir.resolve("store").toString());
            long brokerLaunched = System.nanoTime();
            Path brokerDir = Files.createDirectories(roundDir.resolve("broker"));
            try (RunningServer broker = launcher.startBroker(conf, brokerDir)) {
                awaitAnswer(namesrvPort, body -> body.contains("\"" + BROKER + "\""));
                return new long[] {answering / 1_000_000, (System.nanoTime() - brokerLaunched) / 1_000_000};
            }
        }
    }

    private static void awaitAnswer(int port, Predicate<String> body) {
        await("NameServer on " + port).atMost(LIMIT).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                .until(() -> body.test(clusterInfo(port)));
    }

    /** The body of a GET_BROKER_CLUSTER_INFO answer, sent as RocketMQ's JSON-header frame. */
    private static String clusterInfo(int port) throws IOException {
        byte[] header = ("{\"code\":" + GET_BROKER_CLUSTER_INFO + ",\"flag\":0,\"language\":\"JAVA\",\"opaque\":1,"
                + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":395}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(4 + header.length);
            out.writeInt(header.length);
            out.write(header);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            int headerLength = ((frame[0] & 0xff) << 24 | (frame[1] & 0xff) << 16 | (frame[2] & 0xff) << 8
                    | (frame[3] & 0xff)) & 0xffffff;
            return new String(frame, 4 + headerLength, frame.length - 4 - headerLength, StandardCharsets.UTF_8);
        }
    }

    private static void row(String figure, long[] apache, long[] apogee) {
        long a = median(apache);
        long b = median(apogee);
        System.out.printf("RESULT | %s | %d (%s) | %d (%s) | %.2f |%n", figure, a, list(apache), b, list(apogee),
                (double) b / a);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String list(long[] values) {
        List<String> all = new ArrayList<>();
        for (long value : values) {
            all.add(String.valueOf(value));
        }
        return String.join(", ", all);
    }
}
