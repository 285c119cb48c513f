package io.apogee.tools.chaos;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A NameServer and one master broker started from an Apogee installation ({@code bin/mqnamesrv},
 * {@code bin/mqbroker -c}), on free loopback ports, with their stores, conf files and logs in the work directory.
 * Small commit-log files; the heap is {@code APOGEE_HEAP} of the environment, 256m when unset.
 */
final class ChaosCluster implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String LOOPBACK = "127.0.0.1";

    private final ChildServer namesrv;
    private final ChildServer broker;

    private ChaosCluster(ChildServer namesrv, ChildServer broker) {
        this.namesrv = namesrv;
        this.broker = broker;
    }

    /** Writes the conf files and starts the NameServer, then the broker. */
    static ChaosCluster start(Path home, Path workDir, String flushDiskType) throws IOException, InterruptedException {
        if (!Files.isExecutable(home.resolve("bin").resolve("mqbroker"))) {
            throw new IllegalArgumentException(home + " is no Apogee installation: no executable bin/mqbroker");
        }
        Map<String, String> env = new HashMap<>();
        env.put("APOGEE_LOG_DIR", workDir.resolve("logs").toString());
        if (System.getenv("APOGEE_HEAP") == null) {
            env.put("APOGEE_HEAP", "256m");
        }
        int namesrvPort = freePort(1);
        Properties n = new Properties();
        n.setProperty("listenPort", String.valueOf(namesrvPort));
        n.setProperty("bindAddress", LOOPBACK);
        n.setProperty("kvConfigPath", workDir.resolve("namesrv").resolve("kvConfig.json").toString());
        ChildServer namesrv = new ChildServer("namesrv-" + namesrvPort, home, "mqnamesrv",
                write(workDir.resolve("namesrv.conf"), n), env, workDir, namesrvPort);
        int brokerPort = freePort(2);
        ChildServer broker = new ChildServer("broker-" + brokerPort, home, "mqbroker",
                write(workDir.resolve("broker.conf"), brokerConf(workDir, namesrvPort, brokerPort, flushDiskType)),
                env, workDir, brokerPort);
        ChaosCluster cluster = new ChaosCluster(namesrv, broker);
        try {
            namesrv.start(START_TIMEOUT);
            broker.start(START_TIMEOUT);
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static Properties brokerConf(Path workDir, int namesrvPort, int port, String flushDiskType) {
        Path store = workDir.resolve("store");
        Properties p = new Properties();
        p.setProperty("brokerClusterName", "ChaosCluster");
        p.setProperty("brokerName", "chaos-broker-a");
        p.setProperty("brokerId", "0");
        p.setProperty("namesrvAddr", LOOPBACK + ":" + namesrvPort);
        p.setProperty("bindAddress", LOOPBACK);
        p.setProperty("brokerIP1", LOOPBACK);
        p.setProperty("brokerIP2", LOOPBACK);
        p.setProperty("listenPort", String.valueOf(port));
        p.setProperty("haListenPort", String.valueOf(port + 1));
        p.setProperty("storePathRootDir", store.toString());
        p.setProperty("storePathCommitLog", store.resolve("commitlog").toString());
        p.setProperty("mappedFileSizeCommitLog", String.valueOf(16 * 1024 * 1024));
        p.setProperty("mappedFileSizeConsumeQueue", String.valueOf(30_000 * 20));
        p.setProperty("maxHashSlotNum", "10000");
        p.setProperty("maxIndexNum", "40000");
        p.setProperty("flushDiskType", flushDiskType);
        p.setProperty("autoCreateTopicEnable", "true");
        // Re-registers soon after a NameServer restart (the broker's floor is 10 s).
        p.setProperty("registerNameServerPeriod", "10000");
        return p;
    }

    private static Path write(Path file, Properties conf) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            conf.store(out, "written by mqbench chaos");
        }
        return file;
    }

    /** A loopback port free now, with the {@code count - 1} ports above it free too. */
    private static int freePort(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                port = socket.getLocalPort();
            }
            if (port + count <= 65_535 && freeFrom(port, count)) {
                return port;
            }
        }
        throw new IOException("no " + count + " free consecutive loopback port(s) found");
    }

    private static boolean freeFrom(int port, int count) {
        for (int p = port; p < port + count; p++) {
            try (ServerSocket socket = new ServerSocket(p, 1, InetAddress.getByName(LOOPBACK))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    String namesrvAddr() {
        return LOOPBACK + ":" + namesrv.port();
    }

    ChildServer namesrv() {
        return namesrv;
    }

    ChildServer broker() {
        return broker;
    }

    /** Stops the broker, then the NameServer; both are tried even when the first fails. */
    @Override
    public void close() throws InterruptedException {
        try {
            broker.close();
        } finally {
            namesrv.close();
        }
    }
}
