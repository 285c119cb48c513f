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
 * NameServers and brokers (one master per broker name, and as many slaves of each as asked for) started for tests by
 * one {@link ServerLauncher} (ours in this JVM unless told otherwise; slaves may have their own), on loopback: each
 * server on a free port chosen at build time and kept across restarts, each broker with its own store under one temp
 * home and small mapped files. Brokers and NameServers can be stopped and started again to test faults, brokers in
 * child JVMs also killed; {@link #close()} stops the brokers, then the NameServers, each group in reverse start
 * order, and deletes the home. A broker is named by its broker name and {@code brokerId} (0, the master, when only
 * the name is given).
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
    private final ServerLauncher slaveLauncher;
    private final Path home;
    private final Properties brokerProperties;
    private final Properties slaveProperties;
    private final List<String> otherNamesrvs;
    private final List<Integer> namesrvPorts = new ArrayList<>();
    private final Map<Integer, RunningServer> namesrvs = new LinkedHashMap<>();
    private final Map<Node, Integer> brokerPorts = new LinkedHashMap<>();
    private final Map<Node, RunningServer> brokers = new LinkedHashMap<>();

    private TestCluster(Builder builder) {
        this.clusterName = builder.clusterName;
        this.launcher = builder.launcher;
        this.slaveLauncher = builder.slaveLauncher == null ? builder.launcher : builder.slaveLauncher;
        this.brokerProperties = builder.brokerProperties;
        this.slaveProperties = builder.slaveProperties;
        this.otherNamesrvs = List.copyOf(builder.otherNamesrvs);
        this.home = TempDirs.create("apogee-test-cluster-");
        for (int i = 0; i < builder.namesrvCount; i++) {
            namesrvPorts.add(FreePorts.any());
        }
        for (String name : builder.brokerNames) {
            for (int brokerId = 0; brokerId <= builder.slavesPerBroker; brokerId++) {
                brokerPorts.put(new Node(name, brokerId), FreePorts.forBroker());
            }
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

    /** The address broker {@code name} (its master) registers, {@code 127.0.0.1:port}. */
    public String brokerAddr(String name) {
        return brokerAddr(name, 0);
    }

    /** The address broker {@code name}'s {@code brokerId} registers (0: the master, 1 and up: its slaves). */
    public String brokerAddr(String name, long brokerId) {
        return LOOPBACK + ":" + requirePort(new Node(name, brokerId));
    }

    /** The store root ({@code storePathRootDir}) of broker {@code name}'s {@code brokerId}; it outlives restarts. */
    public Path brokerStore(String name, long brokerId) {
        Node node = new Node(name, brokerId);
        requirePort(node);
        return home.resolve(node.dirName()).resolve("store");
    }

    public String clusterName() {
        return clusterName;
    }

    /** Broker names in start order. */
    public List<String> brokerNames() {
        return brokerPorts.keySet().stream().map(Node::name).distinct().toList();
    }

    /** The process broker {@code name} (its master) runs in. */
    public synchronized long brokerPid(String name) {
        return brokerPid(name, 0);
    }

    /** The process broker {@code name}'s {@code brokerId} runs in. */
    public synchronized long brokerPid(String name, long brokerId) {
        Node node = new Node(name, brokerId);
        RunningServer broker = brokers.get(node);
        if (broker == null) {
            throw new IllegalStateException("broker " + node + " is not running");
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

    /** Starts broker {@code name} (its master; again, on the same port and store) if it is stopped. */
    public synchronized void startBroker(String name) {
        startBroker(name, 0);
    }

    /** Starts broker {@code name}'s {@code brokerId} (again, on the same port and store) if it is stopped. */
    public synchronized void startBroker(String name, long brokerId) {
        Node node = new Node(name, brokerId);
        if (!brokers.containsKey(node)) {
            Properties conf = brokerConf(node);
            ServerLauncher which = node.isMaster() ? launcher : slaveLauncher;
            brokers.put(node, start("broker " + node + " on port " + requirePort(node),
                    () -> which.startBroker(conf, directory(node.dirName()))));
        }
    }

    /** Stops broker {@code name} (its master) gracefully (it unregisters first); its store is kept. */
    public synchronized void stopBroker(String name) {
        stopBroker(name, 0);
    }

    /** Stops broker {@code name}'s {@code brokerId} gracefully (it unregisters first); its store is kept. */
    public synchronized void stopBroker(String name, long brokerId) {
        RunningServer broker = brokers.remove(new Node(name, brokerId));
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * Kills broker {@code name}'s {@code brokerId} as {@code kill -9} does (no unregistration, no flush, no clean
     * shut-down mark) and returns once its process has exited; its store is kept. Only a broker in a child JVM can
     * be killed.
     */
    public synchronized void killBroker(String name, long brokerId) {
        Node node = new Node(name, brokerId);
        RunningServer broker = brokers.get(node);
        if (broker == null) {
            return;
        }
        if (broker.pid() == ProcessHandle.current().pid()) {
            throw new IllegalStateException("broker " + node + " runs in this JVM: only a child JVM can be killed");
        }
        ProcessHandle.of(broker.pid()).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
        brokers.remove(node).close();
    }

    /** Stops broker {@code name} (its master) and starts it again on the same port and store. */
    public synchronized void restartBroker(String name) {
        stopBroker(name);
        startBroker(name);
    }

    /** Stops the brokers, then the NameServers (each last started first), and deletes every store. */
    @Override
    public synchronized void close() {
        try {
            closeInReverse(brokers);
        } finally {
            try {
                stopNamesrvs();
            } finally {
                TempDirs.delete(home);
            }
        }
    }

    /**
     * The keys every broker of the cluster starts with (RocketMQ's names, so that every launcher reads them), then the
     * builder's {@link Builder#brokerProperty} entries over them; a slave then gets {@code brokerRole=SLAVE}, its
     * {@code brokerId} and the builder's {@link Builder#slaveProperty} entries. A slave learns its master's HA
     * address from the NameServer's registration answer.
     */
    private Properties brokerConf(Node node) {
        int port = requirePort(node);
        Path store = brokerStore(node.name(), node.brokerId());
        StringJoiner registerWith = new StringJoiner(";").add(namesrvAddr());
        otherNamesrvs.forEach(registerWith::add);
        Properties p = new Properties();
        p.setProperty("brokerClusterName", clusterName);
        p.setProperty("brokerName", node.name());
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
        if (!node.isMaster()) {
            p.setProperty("brokerRole", "SLAVE");
            p.setProperty("brokerId", String.valueOf(node.brokerId()));
            p.putAll(slaveProperties);
        }
        return p;
    }

    private Path directory(String name) throws IOException {
        return Files.createDirectories(home.resolve(name));
    }

    /** Closes every server, last started first, even when one fails to close (the first failure is thrown). */
    private static <K> void closeInReverse(Map<K, RunningServer> servers) {
        List<K> keys = new ArrayList<>(servers.keySet());
        Collections.reverse(keys);
        RuntimeException failure = null;
        for (K key : keys) {
            try {
                servers.remove(key).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private int requirePort(Node node) {
        Integer port = brokerPorts.get(node);
        if (port == null) {
            throw new IllegalArgumentException("no broker " + node + " in " + brokerPorts.keySet());
        }
        return port;
    }

    /** One broker: its broker name and {@code brokerId}. */
    private record Node(String name, long brokerId) {
        boolean isMaster() {
            return brokerId == 0;
        }

        /** The master keeps the directory of a cluster without slaves. */
        String dirName() {
            return isMaster() ? "broker-" + name : "broker-" + name + "-" + brokerId;
        }

        @Override
        public String toString() {
            return isMaster() ? name : name + "#" + brokerId;
        }
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
        private final Properties slaveProperties = new Properties();
        private final List<String> otherNamesrvs = new ArrayList<>();
        private ServerLauncher launcher = new ApogeeServers();
        private ServerLauncher slaveLauncher;
        private int slavesPerBroker;

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

        /**
         * Gives every broker name {@code count} slaves (brokerId 1 to {@code count}, {@code brokerRole=SLAVE}, each on
         * its own ports and store), started after their master; 0 by default.
         */
        public Builder slaves(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("a broker cannot have " + count + " slaves");
            }
            this.slavesPerBroker = count;
            return this;
        }

        /** A {@code broker.conf} key for the slaves only; it wins over {@link #brokerProperty} and the role keys. */
        public Builder slaveProperty(String key, String value) {
            slaveProperties.setProperty(key, value);
            return this;
        }

        /** Whose slaves are started, and how (the masters' {@link #launcher} by default). */
        public Builder slaveLauncher(ServerLauncher launcher) {
            this.slaveLauncher = launcher;
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
                cluster.brokerPorts.keySet().forEach(node -> cluster.startBroker(node.name(), node.brokerId()));
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }
}
