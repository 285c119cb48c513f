package io.apogee.interop.client;

import io.apogee.client.ClientConfig;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TempDirs;
import io.apogee.testsupport.TestCluster;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives client tests one {@link TestCluster} with two brokers ({@link #BROKERS}) per {@link ClusterKind}, started on
 * first use and shared by every client test class of the run (closed when the run ends), plus short client intervals
 * so rebalancing, heartbeats and offset persistence happen within a test's patience. Tests that stop servers restart
 * them.
 */
@ExtendWith(ClientTestBase.SharedClusters.class)
abstract class ClientTestBase {

    /** The broker names every shared cluster has, one master each. */
    static final List<String> BROKERS = List.of("broker-a", "broker-b");

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static volatile Clusters clusters;

    /** Starts the shared clusters once per run and registers them to be closed when the run ends. */
    static final class SharedClusters implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            clusters = context.getRoot().getStore(ExtensionContext.Namespace.create(ClientTestBase.class))
                    .getOrComputeIfAbsent(Clusters.class, k -> new Clusters(), Clusters.class);
        }
    }

    /** The running clusters and the offset directory of broadcasting consumers. */
    static final class Clusters implements AutoCloseable {
        final Map<ClusterKind, TestCluster> byKind = new EnumMap<>(ClusterKind.class);
        final Path offsetDir = TempDirs.create("apogee-client-offsets-");

        Clusters() {
            for (ClusterKind kind : ClusterKind.values()) {
                byKind.put(kind, kind.builder().brokers(BROKERS.toArray(new String[0])).start());
            }
        }

        @Override
        public void close() {
            byKind.values().forEach(TestCluster::close);
            TempDirs.delete(offsetDir);
        }
    }

    static TestCluster cluster(ClusterKind kind) {
        return clusters.byKind.get(kind);
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
        config.setLocalOffsetStoreDir(clusters.offsetDir.toString());
        return config;
    }
}
