package io.apogee.console;

import io.apogee.console.auth.UserStore;
import io.apogee.console.config.ConsoleConfig;
import io.apogee.testsupport.TempDirs;
import io.apogee.testsupport.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A running console for tests: a {@link TestCluster} (one NameServer, brokers as asked, in this JVM) and a
 * {@link ConsoleServer} on a free loopback port over it, with its data in a temp dir, fast password hashing and a
 * half-second snapshot refresh. {@link #close()} stops the console, then the cluster, and deletes the data.
 */
public final class ConsoleFixture implements AutoCloseable {

    private final TestCluster cluster;
    private final Path dataDir;
    private final ConsoleServer console;

    private ConsoleFixture(TestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.dataDir = TempDirs.create("apogee-console-");
        ConsoleServer started = null;
        try {
            ConsoleConfig config = io.apogee.common.config.ConfigBinder.conclude(ConsoleConfig::new, Map.of(
                    "namesrvAddr", cluster.namesrvAddr(),
                    "consolePort", 0,
                    "consoleDataDir", dataDir.toString(),
                    "consolePasswordHashIterations", 1000,
                    "consoleRefreshIntervalMillis", 500,
                    "consoleLoginDelayMillis", 60_000));
            started = new ConsoleServer(config);
            started.start();
        } catch (Exception | Error e) {
            if (started != null) {
                started.shutdown();
            }
            cluster.close();
            TempDirs.delete(dataDir);
            throw e;
        }
        this.console = started;
    }

    /** A console over one broker, {@code broker-a}. */
    public static ConsoleFixture start() throws Exception {
        return new ConsoleFixture(TestCluster.builder().start());
    }

    /** A console over the brokers named. */
    public static ConsoleFixture start(String... brokerNames) throws Exception {
        return new ConsoleFixture(TestCluster.builder().brokers(brokerNames).start());
    }

    public TestCluster cluster() {
        return cluster;
    }

    public ConsoleServer console() {
        return console;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public String url() {
        return console.url();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The initial admin password the console wrote on first start. */
    public String initialPassword() throws Exception {
        return Files.readString(dataDir.resolve(UserStore.INITIAL_PASSWORD_FILE)).trim();
    }

    /** An API client logged in as the initial admin. */
    public ApiClient admin() throws Exception {
        ApiClient client = new ApiClient(url());
        client.login(UserStore.INITIAL_ADMIN, initialPassword());
        return client;
    }

    @Override
    public void close() {
        try {
            console.shutdown();
        } finally {
            try {
                cluster.close();
            } finally {
                TempDirs.delete(dataDir);
            }
        }
    }
}
