package io.apogee.testsupport;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Starts one implementation's NameServer and broker for a {@link TestCluster}, which decides the ports, directories
 * and broker keys. Each method returns once the server accepts connections.
 */
public interface ServerLauncher {

    /** Starts a NameServer on {@code port} that keeps its files (KV config, properties) under {@code dir}. */
    RunningServer startNamesrv(int port, Path dir) throws Exception;

    /**
     * Starts a broker from {@code brokerConf}: RocketMQ's {@code broker.conf} keys, with {@code listenPort},
     * {@code namesrvAddr} and {@code storePathRootDir} always set; {@code dir} holds the store and may hold the
     * launcher's own files (logs, the config file of a child JVM).
     */
    RunningServer startBroker(Properties brokerConf, Path dir) throws Exception;
}
