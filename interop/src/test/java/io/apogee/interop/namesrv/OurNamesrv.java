package io.apogee.interop.namesrv;

import io.apogee.common.config.ConfigBinder;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.namesrv.NamesrvController;
import io.apogee.remoting.netty.NettyServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Our NameServer on an ephemeral loopback port with its files in a temp dir, and the official admin client set up
 * for tests (its logs in a temp dir). {@link #close()} stops the NameServer and deletes the dir.
 */
final class OurNamesrv implements AutoCloseable {

    /** Where the official client writes {@code rocketmq_client.log} (read when its logger starts). */
    static final String CLIENT_LOG_ROOT = "rocketmq.client.logRoot";

    static {
        if (System.getProperty(CLIENT_LOG_ROOT) == null) {
            try {
                System.setProperty(CLIENT_LOG_ROOT, Files.createTempDirectory("apache-client-logs-").toString());
                System.setProperty("rocketmq.client.logLevel", "WARN");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final Path home;
    final NamesrvController controller;

    OurNamesrv() throws IOException {
        home = Files.createTempDirectory("apogee-namesrv-");
        Properties properties = new Properties();
        properties.setProperty("kvConfigPath", home.resolve("kvConfig.json").toString());
        properties.setProperty("configStorePath", home.resolve("namesrv.properties").toString());
        NamesrvConfig config = new NamesrvConfig();
        ConfigBinder.bind(properties, config);
        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setBindAddress("127.0.0.1");
        controller = new NamesrvController(config, serverConfig);
        try {
            controller.start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String address() {
        return "127.0.0.1:" + controller.listenPort();
    }

    /** The official admin client, started, against {@code namesrvAddr}. */
    static DefaultMQAdminExt admin(String namesrvAddr) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(10_000);
        admin.setNamesrvAddr(namesrvAddr);
        admin.setInstanceName(UUID.randomUUID().toString());
        admin.start();
        return admin;
    }

    /**
     * The official client's own log lines (loggers {@code RocketmqClient} and {@code RocketmqRemoting}; Apache's
     * in-process brokers write to the same file) at WARN or above so far; empty if the log is not where we put it.
     */
    static List<String> clientWarnings() throws IOException {
        Path log = Path.of(System.getProperty(CLIENT_LOG_ROOT), "rocketmq_client.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                    .filter(line -> line.contains(" RocketmqClient - ") || line.contains(" RocketmqRemoting - "))
                    .toList();
        }
    }

    @Override
    public void close() {
        controller.shutdown();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
