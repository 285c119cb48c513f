package io.apogee.namesrv.config;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Live;
import io.apogee.common.config.Validated;
import io.apogee.remoting.metrics.MetricsExporterType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NameServer settings, bound by {@link io.apogee.common.config.ConfigBinder} from RocketMQ's key names. Keys of
 * RocketMQ 4.9.x's {@code NamesrvConfig} keep their names and defaults; the scan and thread-pool keys are RocketMQ
 * 5.x's; {@code brokerChannelExpiredTime} is ours (4.9.x hard-codes 120 s). An instance is a snapshot, never changed
 * once published in {@link NamesrvConfigs}; UPDATE_NAMESRV_CONFIG publishes a new one. The readers of a key marked
 * {@link Live} read the current snapshot per use; every other key is read once at start.
 */
public class NamesrvConfig implements Validated {

    /** RocketMQ's install directory; default {@code -Drocketmq.home.dir} or ROCKETMQ_HOME. Not used otherwise. */
    String rocketmqHome = System.getProperty("rocketmq.home.dir", envOrEmpty("ROCKETMQ_HOME"));
    /**
     * KV config file (JSON), rewritten atomically on every change; RocketMQ's default ~/namesrv/kvConfig.json, and
     * ~/namesrv/kvConfig-&lt;listenPort&gt;.json for a NameServer on another port than 9876, so that two NameServers
     * of one host keep their own ({@link NamesrvConfigs#bind}).
     */
    String kvConfigPath = namesrvHome().resolve("kvConfig.json").toString();
    /**
     * Where UPDATE_NAMESRV_CONFIG writes every key; RocketMQ's default ~/namesrv/namesrv.properties, and
     * ~/namesrv/namesrv-&lt;listenPort&gt;.properties on another port than 9876.
     */
    String configStorePath = namesrvHome().resolve("namesrv.properties").toString();
    /** Environment label, reported only; RocketMQ's default {@code center}. */
    String productEnvName = "center";
    /** Reported only; RocketMQ's default false. */
    boolean clusterTest = false;
    /** Add a topic's {@code ORDER_TOPIC_CONFIG} KV entry to its route as {@code orderTopicConf}; default false. */
    @Live
    boolean orderMessageEnable = false;
    /** Keys UPDATE_NAMESRV_CONFIG refuses, {@code ;}-separated: RocketMQ 4.9.8's, plus {@code rocketmqHome}. */
    @Live
    String configBlackList = "configBlackList;configStorePath;kvConfigPath;rocketmqHome";
    /** Milliseconds between two scans for brokers that stopped registering (RocketMQ 5.x key, default 10 s). */
    long scanNotActiveBrokerInterval = 10_000;
    /** A broker not heard from for this many milliseconds is dropped (ours; RocketMQ 4.9.x: fixed 120 s). */
    @Live
    long brokerChannelExpiredTime = 120_000;
    /** Threads serving broker registrations and admin requests (RocketMQ 5.x key, default 16). */
    int defaultThreadPoolNums = 16;
    /** Queue bound of those threads, beyond which SYSTEM_BUSY (RocketMQ 5.x key, default 10,000). */
    int defaultThreadPoolQueueCapacity = 10_000;
    /** Threads serving route lookups, apart so registrations cannot starve them (RocketMQ 5.x key, default 8). */
    int clientRequestThreadPoolNums = 8;
    /** Queue bound of the route-lookup threads (RocketMQ 5.x key, default 50,000). */
    int clientRequestThreadPoolQueueCapacity = 50_000;

    /** {@code PROM} serves {@code GET /metrics} to Prometheus; RocketMQ 5's broker key, default {@code DISABLE}. */
    MetricsExporterType metricsExporterType = MetricsExporterType.DISABLE;
    /** Interface the metrics exporter listens on; empty (default) = every interface (the broker's key). */
    String metricsPromExporterHost = "";
    /**
     * Port of the metrics exporter, 0 for any free one (Apogee's key, default 5558: a broker on the same host has
     * 5557, RocketMQ 5's {@code metricsPromExporterPort}).
     */
    int namesrvMetricsPromExporterPort = 5558;

    /**
     * The default file paths of a NameServer on {@code listenPort}: RocketMQ's for 9876 (and for an ephemeral port,
     * 0), otherwise with the port in the file name.
     *
     * @return {@code kvConfigPath} and {@code configStorePath} by key
     */
    static Map<String, String> defaultPathsFor(int listenPort) {
        String suffix = listenPort == NamesrvConfigs.DEFAULT_LISTEN_PORT || listenPort == 0 ? "" : "-" + listenPort;
        return Map.of("kvConfigPath", namesrvHome().resolve("kvConfig" + suffix + ".json").toString(),
                "configStorePath", namesrvHome().resolve("namesrv" + suffix + ".properties").toString());
    }

    private static Path namesrvHome() {
        return Paths.get(System.getProperty("user.home"), "namesrv");
    }

    private static String envOrEmpty(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    @Override
    public void validate() {
        positive("scanNotActiveBrokerInterval", scanNotActiveBrokerInterval);
        positive("brokerChannelExpiredTime", brokerChannelExpiredTime);
        positive("defaultThreadPoolNums", defaultThreadPoolNums);
        positive("defaultThreadPoolQueueCapacity", defaultThreadPoolQueueCapacity);
        positive("clientRequestThreadPoolNums", clientRequestThreadPoolNums);
        positive("clientRequestThreadPoolQueueCapacity", clientRequestThreadPoolQueueCapacity);
        if (namesrvMetricsPromExporterPort < 0 || namesrvMetricsPromExporterPort > 65535) {
            throw new ConfigException("namesrvMetricsPromExporterPort", "must be a port (0-65535), was "
                    + namesrvMetricsPromExporterPort);
        }
        if (kvConfigPath.isBlank()) {
            throw new ConfigException("kvConfigPath", "must not be blank");
        }
        if (configStorePath.isBlank()) {
            throw new ConfigException("configStorePath", "must not be blank");
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key, "must be positive, was " + value);
        }
    }

    public Path kvConfigPath() {
        return Paths.get(kvConfigPath);
    }

    public Path configStorePath() {
        return Paths.get(configStorePath);
    }

    public boolean orderMessageEnable() {
        return orderMessageEnable;
    }

    /** {@link #configBlackList} as a set of keys. */
    public Set<String> configBlackList() {
        return Arrays.stream(configBlackList.split(";")).map(String::trim).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public long scanNotActiveBrokerInterval() {
        return scanNotActiveBrokerInterval;
    }

    public long brokerChannelExpiredTime() {
        return brokerChannelExpiredTime;
    }

    public int defaultThreadPoolNums() {
        return defaultThreadPoolNums;
    }

    public int defaultThreadPoolQueueCapacity() {
        return defaultThreadPoolQueueCapacity;
    }

    public int clientRequestThreadPoolNums() {
        return clientRequestThreadPoolNums;
    }

    public int clientRequestThreadPoolQueueCapacity() {
        return clientRequestThreadPoolQueueCapacity;
    }

    public MetricsExporterType metricsExporterType() {
        return metricsExporterType;
    }

    public String metricsPromExporterHost() {
        return metricsPromExporterHost;
    }

    public int namesrvMetricsPromExporterPort() {
        return namesrvMetricsPromExporterPort;
    }
}
