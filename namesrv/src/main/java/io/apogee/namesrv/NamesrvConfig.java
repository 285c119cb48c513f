package io.apogee.namesrv;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Validated;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * NameServer settings, bound by {@link io.apogee.common.config.ConfigBinder} from RocketMQ's key names. Keys of
 * RocketMQ 4.9.x's {@code NamesrvConfig} keep their names and defaults; the scan and thread-pool keys are RocketMQ
 * 5.x's; {@code brokerChannelExpiredTime} is ours (4.9.x hard-codes 120 s). Fields are volatile because
 * UPDATE_NAMESRV_CONFIG changes them while request threads read them.
 */
public class NamesrvConfig implements Validated {

    /** RocketMQ's install directory; from {@code -Drocketmq.home.dir} or {@code ROCKETMQ_HOME}. Not used otherwise. */
    volatile String rocketmqHome = System.getProperty("rocketmq.home.dir", envOrEmpty("ROCKETMQ_HOME"));
    /** KV config file (JSON), rewritten atomically on every change. */
    volatile String kvConfigPath = namesrvHome().resolve("kvConfig.json").toString();
    /** Where UPDATE_NAMESRV_CONFIG writes the updated configuration (properties). */
    volatile String configStorePath = namesrvHome().resolve("namesrv.properties").toString();
    /** Environment label, reported only. */
    volatile String productEnvName = "center";
    /** Reported only. */
    volatile boolean clusterTest = false;
    /** Add the {@code ORDER_TOPIC_CONFIG} KV entry of a topic to its route as {@code orderTopicConf}. */
    volatile boolean orderMessageEnable = false;
    /** Keys UPDATE_NAMESRV_CONFIG refuses to change, {@code ;}-separated (RocketMQ 4.9.8). */
    volatile String configBlackList = "configBlackList;configStorePath;kvConfigPath;rocketmqHome";
    /** Milliseconds between two scans for brokers that stopped registering (RocketMQ 5.x key). */
    volatile long scanNotActiveBrokerInterval = 10_000;
    /** A broker not heard from for this many milliseconds is dropped (ours; RocketMQ 4.9.x: fixed 120 s). */
    volatile long brokerChannelExpiredTime = 120_000;
    /** Threads serving broker registrations and admin requests (RocketMQ 5.x key). */
    volatile int defaultThreadPoolNums = 16;
    /** Queue bound of those threads; a request beyond it is answered SYSTEM_BUSY (RocketMQ 5.x key). */
    volatile int defaultThreadPoolQueueCapacity = 10_000;
    /** Threads serving clients' route lookups, kept apart so registrations cannot starve them (RocketMQ 5.x key). */
    volatile int clientRequestThreadPoolNums = 8;
    /** Queue bound of the route-lookup threads (RocketMQ 5.x key). */
    volatile int clientRequestThreadPoolQueueCapacity = 50_000;

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
        if (kvConfigPath.isBlank()) {
            throw new ConfigException("kvConfigPath", "must not be blank");
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

    public NamesrvConfig kvConfigPath(Path path) {
        this.kvConfigPath = path.toString();
        return this;
    }

    public Path configStorePath() {
        return Paths.get(configStorePath);
    }

    public NamesrvConfig configStorePath(Path path) {
        this.configStorePath = path.toString();
        return this;
    }

    public boolean orderMessageEnable() {
        return orderMessageEnable;
    }

    public String configBlackList() {
        return configBlackList;
    }

    public long scanNotActiveBrokerInterval() {
        return scanNotActiveBrokerInterval;
    }

    public NamesrvConfig scanNotActiveBrokerInterval(long millis) {
        this.scanNotActiveBrokerInterval = millis;
        return this;
    }

    public long brokerChannelExpiredTime() {
        return brokerChannelExpiredTime;
    }

    public NamesrvConfig brokerChannelExpiredTime(long millis) {
        this.brokerChannelExpiredTime = millis;
        return this;
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
}
