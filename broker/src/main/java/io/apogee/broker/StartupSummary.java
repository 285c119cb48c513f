package io.apogee.broker;

import io.apogee.broker.config.BrokerConfigs;
import io.apogee.store.MessageStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The broker's one start-up line: version, role, ports, store path and its free space, flush mode, heap, and every
 * key whose value differs from the default, so one log line says how this broker was run.
 */
final class StartupSummary {

    private static final String POM_PROPERTIES = "/META-INF/maven/io.apogee/apogee-broker/pom.properties";

    private StartupSummary() {
    }

    /**
     * @param addr    the address the broker registers
     * @param vipPort the VIP port
     * @param haPort  the HA port, 0 or less when not listening
     */
    static String describe(BrokerConfigs configs, String addr, int vipPort, int haPort) {
        MessageStoreConfig store = configs.store();
        List<String> changed = nonDefaultKeys(configs);
        return "broker " + configs.broker().getBrokerName() + " of cluster " + configs.broker().getBrokerClusterName()
                + " starting: Apogee " + version() + " (RocketMQ V4_9_8 protocol), role "
                + configs.broker().getBrokerRole() + " (brokerId " + configs.broker().getBrokerId() + "), address "
                + addr + ", VIP port " + vipPort + ", HA port " + (haPort > 0 ? String.valueOf(haPort) : "none")
                + ", store " + store.getStorePathRootDir() + " (" + space(Path.of(store.getStorePathRootDir())) + "), "
                + store.getFlushDiskType() + ", heap max " + mib(Runtime.getRuntime().maxMemory())
                + ", non-default keys: " + (changed.isEmpty() ? "none" : String.join(", ", changed));
    }

    /** {@code key=value} of every key whose value is not the default one, in the order {@code -p} prints them. */
    static List<String> nonDefaultKeys(BrokerConfigs configs) {
        Set<String> defaults = new HashSet<>(BrokerConfigs.bind(new Properties()).render().lines().toList());
        List<String> changed = new ArrayList<>();
        for (String line : configs.render().lines().toList()) {
            if (!defaults.contains(line) && !line.isBlank()) {
                changed.add(line);
            }
        }
        return changed;
    }

    private static String space(Path dir) {
        try {
            FileStore fs = Files.getFileStore(Files.exists(dir) ? dir : dir.toAbsolutePath().getRoot());
            return mib(fs.getUsableSpace()) + " free of " + mib(fs.getTotalSpace());
        } catch (IOException e) {
            return "free space unknown: " + e.getMessage();
        }
    }

    private static String mib(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }

    /** The broker jar's Maven version, or {@code development build} when run from classes. */
    private static String version() {
        try (InputStream in = StartupSummary.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "development build";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development build");
        } catch (IOException e) {
            return "version unknown (" + e.getMessage() + ")";
        }
    }
}
