package io.apogee.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * NameServers and brokers (one master per broker name) started for tests by one {@link ServerLauncher} (ours in this
 * JVM unless told otherwise), on loopback: each server on a free port chosen at build time and kept across restarts,
 * each broker with its own store under one temp home and small mapped files. Brokers and NameServers can be stopped
 * and started again to test faults; {@link #close()} stops the brokers, then the NameServers, each group in reverse
 * start order, and deletes the home.
 *
 * <pre>{@code
 * try (TestCluster cluster = TestCluster.builder().brokers("broker-a", "broker-b").start()) {
 *     String namesrv = cluster.namesrvAddr();
 *     cluster.stopBroker("broker-b");
 * }
 * }</pre>
 */
public final class TestCluster implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final String clusterName;
    private final ServerLauncher launcher;
    private final Path home;
    private final Properties brokerProperties;
    private final List<String> otherNamesrvs;
    private final List<Integer> namesrvPorts = new ArrayList<>();
    private final Map<Integer, RunningServer> namesrvs = new LinkedHashMap<>();
    private final Map<String, Integer> brokerPorts = new LinkedHashMap<>();
    private final Map<String, RunningServer> brokers = new LinkedHashMap<>();

    private TestCluster(Builder builder) {
        this.clusterName = builder.clusterName;
        this.launcher = builder.launcher;
        this.brokerProperties = builder.brokerProperties;
        this.otherNamesrvs = List.copyOf(builder.otherNamesrvs);
        this.home = TempDirs.create("apogee-test-cluster-");
        for (int i = 0; i < builder.namesrvCount; i++) {
            namesrvPorts.add(FreePorts.any());
        }
        for (String name : builder.brokerNames) {
            brokerPorts.put(name, FreePorts.forBroker());
        }
    }

    /** A cluster called {@code TestCluster}: one NameServer, one broker {@code broker-a}, ours in this JVM. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every NameServer of the cluster, {@code ;}-separated as clients and brokers take them. */
    public String namesrvAddr() {
        StringJoiner joiner = new StringJoiner(";");
        namesrvPorts.forEach(port -> joiner.add(LOOPBACK + ":" + port));
        return joiner.toString();
    }

    /** The address broker {@code name} registers, {@code 127.0.0.1:port}. */
    public String brokerAddr(String name) {
        return LOOPBACK + ":" + requirePort(name);
    }

    public String clusterName() {
        return clusterName;
    }

    /** Broker names in start order. */
    public List<String> brokerNames() {
        return List.copyOf(brokerPorts.keySet());
    }

    /** The process broker {@code name} runs in. */
    public synchronized long brokerPid(String name) {
        RunningServer broker = brokers.get(name);
        if (broker == null) {
            throw new IllegalStateException("broker " + name + " is not running");
        }
        return broker.pid();
    }

    /** Starts every stopped NameServer on its port. */
    public synchronized void startNamesrvs() {
        for (int port : namesrvPorts) {
            if (!namesrvs.containsKey(port)) {
                namesrvs.put(port, start("NameServer on port " + port,
                        () -> launcher.startNamesrv(port, directory("namesrv-" + port))));
            }
        }
    }

    /** Stops every NameServer, last started first; brokers and clients keep running. */
    public synchronized void stopNamesrvs() {
        closeInReverse(namesrvs);
    }

    /** Starts broker {@code name} (again, on the same port and store) if it is stopped. */
    public synchronized void startBroker(String name) {
        if (!brokers.containsKey(name)) {
            Properties conf = brokerConf(name);
            brokers.put(name, start("broker " + name + " on port " + requirePort(name),
                    () -> launcher.startBroker(conf, directory("broker-" + name))));
        }
    }

    /** Stops broker {@code name} gracefully (it unregisters first); its store is kept. */
    public synchronized void stopBroker(String name) {
        RunningServer broker = brokers.remove(name);
        if (broker != null) {
            broker.close();
        }
    }

    /** Stops broker {@code name} and starts it again on the same port and store. */
    public synchronized void restartBroker(String name) {
        stopBroker(name);
        startBroker(name);
    }

    /** Stops the brokers, then the NameServers (each last started first), and deletes every store. */
    @Override
    public synchronized void close() {
        try {
            closeInReverse(brokers);
            stopNamesrvs();
        } finally {
            TempDirs.delete(home);
        }
    }

    /**
     * The keys every broker of the cluster starts with (RocketMQ's names, so that every launcher reads them), then the
     * builder's {@link Builder#brokerProperty} entries over them.
     */
    private Properties brokerConf(String name) {
        int port = requirePort(name);
        Path store = home.resolve("broker-" + name).resolve("store");
        StringJoiner registerWith = new StringJoiner(";").add(namesrvAddr());
        otherNamesrvs.forEach(registerWith::add);
        Properties p = new Properties();
        p.setProperty("brokerClusterName", clusterName);
        p.setProperty("brokerName", name);
        p.setProperty("namesrvAddr", registerWith.toString());
        p.setProperty("brokerIP1", LOOPBACK);
        p.setProperty("brokerIP2", LOOPBACK);
        p.setProperty("listenPort", String.valueOf(port));
        p.setProperty("haListenPort", String.valueOf(port + 1));
        p.setProperty("storePathRootDir", store.toString());
        p.setProperty("storePathCommitLog", store.resolve("commitlog").toString());
        p.setProperty("mappedFileSizeCommitLog", String.valueOf(8 * 1024 * 1024));
        p.setProperty("mappedFileSizeConsumeQueue", String.valueOf(30_000 * 20));
        p.setProperty("maxHashSlotNum", "10000");
        p.setProperty("maxIndexNum", "40000");
        // Transactions are checked back within a test's patience (60 s by default).
        p.setProperty("transactionTimeOut", "1000");
        p.setProperty("transactionCheckInterval", "2000");
        p.putAll(brokerProperties);
        return p;
    }

    private Path directory(String name) throws IOException {
        return Files.createDirectories(home.resolve(name));
    }

    private static <K> void closeInReverse(Map<K, RunningServer> servers) {
        List<K> keys = new ArrayList<>(servers.keySet());
        Collections.reverse(keys);
        for (K key : keys) {
            servers.remove(key).close();
        }
    }

    private int requirePort(String name) {
        Integer port = brokerPorts.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no broker named " + name + " in " + brokerPorts.keySet());
        }
        return port;
    }

    private static RunningServer start(String what, Start start) {
        try {
            return start.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + what, e);
        }
    }

    /** One launcher call. */
    @FunctionalInterface
    private interface Start {
        RunningServer run() throws Exception;
    }

    /** The shape of a cluster, its broker settings and its launcher. */
    public static final class Builder {
        private String clusterName = "TestCluster";
        private int namesrvCount = 1;
        private List<String> brokerNames = List.of("broker-a");
        private final Properties brokerProperties = new Properties();
        private final List<String> otherNamesrvs = new ArrayList<>();
        private ServerLauncher launcher = new ApogeeServers();

        private Builder() {
        }

        public Builder clusterName(String name) {
            this.clusterName = name;
            return this;
        }

        /** How many NameServers the cluster has (1 by default). */
        public Builder namesrvs(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster needs a NameServer, got " + count);
            }
            this.namesrvCount = count;
            return this;
        }

        /** The broker names, one master each, started in this order (none for a NameServer alone). */
        public Builder brokers(String... names) {
            this.brokerNames = List.of(names);
            return this;
        }

        /** A {@code broker.conf} key for every broker (e.g. {@code flushDiskType}); it wins over the defaults. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.setProperty(key, value);
            return this;
        }

        /** NameServers outside the cluster that every broker registers with too ({@code ;}-separated). */
        public Builder alsoRegisterWith(String namesrvAddr) {
            otherNamesrvs.add(namesrvAddr);
            return this;
        }

        /** Whose servers are started, and how ({@link ApogeeServers} by default). */
        public Builder launcher(ServerLauncher launcher) {
            this.launcher = launcher;
            return this;
        }

        /** Starts the NameServers, then the brokers in order; each broker accepts connections when this returns. */
        public TestCluster start() {
            TestCluster cluster = new TestCluster(this);
            try {
                cluster.startNamesrvs();
                cluster.brokerPorts.keySet().forEach(cluster::startBroker);
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }
}
