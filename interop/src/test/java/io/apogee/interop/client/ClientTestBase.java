package io.apogee.interop.client;

import io.apogee.client.ClientConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Starts one {@link TestCluster} per {@link ClusterKind} for a test class and stops them after it. Client intervals
 * are shortened so rebalancing, heartbeats and offset persistence happen within a test's patience.
 */
abstract class ClientTestBase {

    private static final Map<ClusterKind, TestCluster> CLUSTERS = new EnumMap<>(ClusterKind.class);
    private static final AtomicInteger NAMES = new AtomicInteger();
    static Path offsetDir;

    @BeforeAll
    static void startClusters() throws IOException {
        offsetDir = Files.createTempDirectory("apogee-client-offsets-");
        for (ClusterKind kind : ClusterKind.values()) {
            CLUSTERS.put(kind, kind.start());
        }
    }

    @AfterAll
    static void stopClusters() {
        CLUSTERS.values().forEach(TestCluster::close);
        CLUSTERS.clear();
        deleteTree(offsetDir);
    }

    static TestCluster cluster(ClusterKind kind) {
        return CLUSTERS.get(kind);
    }

    /** A name unique in this run, e.g. for a topic or group. */
    static String unique(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet() + "_" + (System.nanoTime() % 100_000);
    }

    /** Points {@code config} at {@code kind}'s cluster with short client intervals. */
    static <T extends ClientConfig> T configure(T config, ClusterKind kind) {
        config.setNamesrvAddr(cluster(kind).namesrvAddr());
        config.setPollNameServerInterval(1_000);
        config.setHeartbeatBrokerInterval(1_000);
        config.setPersistConsumerOffsetInterval(500);
        config.setRebalanceInterval(1_000);
        config.setLocalOffsetStoreDir(offsetDir.toString());
        return config;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
