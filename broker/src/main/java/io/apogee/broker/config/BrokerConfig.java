package io.apogee.broker.config;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Live;
import io.apogee.common.config.Validated;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.metrics.MetricsExporterType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Broker settings under RocketMQ's {@code BrokerConfig} key names and defaults, as operators write them in
 * {@code broker.conf}. An instance is a snapshot: filled and validated once by {@code ConfigBinder}, then published in
 * {@link BrokerConfigs} and never changed (getters only). UPDATE_BROKER_CONFIG publishes a new snapshot: the readers
 * of a key marked {@link Live} read the current snapshot per use, so a change takes effect at once; every other key is
 * read once at start and a change of it takes effect at the next start.
 */
public class BrokerConfig implements Validated {

    /** Cluster this broker belongs to; RocketMQ's default {@code DefaultCluster}. */
    String brokerClusterName = "DefaultCluster";
    /** Name of the replica set (master and its slaves share it); RocketMQ's default is the host name. */
    String brokerName = localHostName();
    /** 0 for the master, positive for slaves; RocketMQ's default 0. */
    long brokerId = 0;
    /** Name servers, {@code host:port} separated by {@code ;}; default -Drocketmq.namesrv.addr or NAMESRV_ADDR. */
    String namesrvAddr = System.getProperty("rocketmq.namesrv.addr", System.getenv().getOrDefault("NAMESRV_ADDR",
            ""));
    /** Address clients reach this broker at (route and message ids); empty (default) = a local address. */
    String brokerIP1 = "";
    /** Address slaves reach the HA port at; empty (default) = {@link #brokerIP1}. */
    String brokerIP2 = "";
    /** Master, sync master or slave; RocketMQ's default {@code ASYNC_MASTER} (a store key in RocketMQ). */
    BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;
    /** Broker permission bits (read 4, write 2); RocketMQ's default 6. */
    @Live
    int brokerPermission = 6;
    /** Queue count of auto-created topics' template TBW102; RocketMQ's default 8. */
    int defaultTopicQueueNums = 8;
    /** RocketMQ's filter servers per broker, retired with 4.9's clients: only its default 0 (none). */
    int filterServerNums = 0;
    /** Create a topic on first send, from TBW102; RocketMQ's default true. */
    boolean autoCreateTopicEnable = true;
    /** Create a subscription group on a consumer's first heartbeat; RocketMQ's default true. */
    @Live
    boolean autoCreateSubscriptionGroup = true;
    /** Serve the cluster-name topic (readable and writable); RocketMQ's default true. */
    boolean clusterTopicEnable = true;
    /** Serve the broker-name topic (readable and writable); RocketMQ's default true. */
    boolean brokerTopicEnable = true;
    /** Threads storing sends; RocketMQ's default min(cores, 4). */
    int sendMessageThreadPoolNums = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    /** Threads serving pulls; RocketMQ's default 16 + 2 per core. */
    int pullMessageThreadPoolNums = 16 + Runtime.getRuntime().availableProcessors() * 2;
    /** Threads serving message queries; RocketMQ's default 8 + 1 per core. */
    int queryMessageThreadPoolNums = 8 + Runtime.getRuntime().availableProcessors();
    /** Threads serving admin requests; RocketMQ's default 16. */
    int adminBrokerThreadPoolNums = 16;
    /** Threads serving heartbeats and client registration; RocketMQ's default min(32, cores). */
    int heartbeatThreadPoolNums = Math.min(32, Runtime.getRuntime().availableProcessors());
    /** Threads serving offset queries and updates; RocketMQ's default 32. */
    int consumerManageThreadPoolNums = 32;
    /** Send requests queued at most, beyond which SYSTEM_BUSY; RocketMQ's default 10,000. */
    int sendThreadPoolQueueCapacity = 10_000;
    /** Pull requests queued at most, beyond which SYSTEM_BUSY; RocketMQ's default 100,000. */
    int pullThreadPoolQueueCapacity = 100_000;
    /** Query requests queued at most; RocketMQ's default 20,000. */
    int queryThreadPoolQueueCapacity = 20_000;
    /** Heartbeats queued at most; RocketMQ's default 50,000. */
    int heartbeatThreadPoolQueueCapacity = 50_000;
    /** Admin and offset requests queued at most (Apogee's key; RocketMQ's admin queue is unbounded). */
    int adminThreadPoolQueueCapacity = 100_000;
    /** Reject sends that waited in the queue longer than {@link #waitTimeMillsInSendQueue}; RocketMQ's default true. */
    @Live
    boolean brokerFastFailureEnable = true;
    /** Longest a send may wait in the queue before SYSTEM_BUSY, in ms; RocketMQ's default 200. */
    @Live
    int waitTimeMillsInSendQueue = 200;
    /** Hold pulls that find nothing until a message arrives or the suspend time passes; RocketMQ's default true. */
    @Live
    boolean longPollingEnable = true;
    /** Hold time of a pull when long polling is off, in ms; RocketMQ's default 1000. */
    @Live
    int shortPollingTimeMills = 1000;
    /** How often held pulls are checked for their timeout, in ms (Apogee's key; RocketMQ checks every 5 s). */
    int pullHoldCheckIntervalMills = 1000;
    /** Consumer offsets persisted every this many ms; RocketMQ's default 5000. */
    int flushConsumerOffsetInterval = 5000;
    /** Registration with every name server repeats every this many ms (clamped to 10-60 s); RocketMQ's default 30 s. */
    int registerNameServerPeriod = 30_000;
    /** Timeout of one registration, in ms; RocketMQ's default 6000. */
    int registerBrokerTimeoutMills = 6000;
    /** Client channels silent this long are closed and their clients forgotten, in ms (RocketMQ's fixed 120 s). */
    @Live
    long channelExpiredTimeout = 120_000;
    /** Tell a group's consumers when its membership changes; RocketMQ's default true. */
    @Live
    boolean notifyConsumerIdsChangedEnable = true;
    /** Let consumers read from slaves; RocketMQ's default false. */
    @Live
    boolean slaveReadEnable = false;
    /** Region tag in send responses; RocketMQ's default {@code DefaultRegion}. */
    @Live
    String regionId = "DefaultRegion";
    /** Trace flag in send responses; RocketMQ's default true. */
    @Live
    boolean traceOn = true;
    /** Key queries by unique key return at most this many messages (RocketMQ's store key of that name, 32). */
    @Live
    int defaultQueryMaxNum = 32;
    /** A half message unresolved this long is checked back with its producer group, in ms; RocketMQ's default 6000. */
    @Live
    long transactionTimeOut = 6000;
    /** Check-backs per half message, after which it is discarded with a log line; RocketMQ's default 15. */
    @Live
    int transactionCheckMax = 15;
    /** How often unresolved half messages are scanned for check-backs, in ms; RocketMQ's default 60,000. */
    long transactionCheckInterval = 60_000;
    /** Refuse transactional (half) messages with NO_PERMISSION; RocketMQ's default false. */
    @Live
    boolean rejectTransactionMessage = false;
    /**
     * Serve SQL92 subscriptions ({@code MessageSelector.bySql}): filter on the broker by message properties;
     * RocketMQ's default false, which refuses them.
     */
    @Live
    boolean enablePropertyFilter = false;
    /**
     * Check every request against plain_acl.yml (RocketMQ 4.9's ACL 1.0: signatures, accounts, permissions, white
     * lists); RocketMQ's default false.
     */
    boolean aclEnable = false;
    /** Create the message trace topic {@link #msgTraceTopicName} at start; RocketMQ's default false. */
    boolean traceTopicEnable = false;
    /** Topic that traced clients store their trace records in; RocketMQ's default {@code RMQ_SYS_TRACE_TOPIC}. */
    String msgTraceTopicName = SystemTopics.TRACE_TOPIC;
    /**
     * Also store each reply to a {@code request()} in {@code <brokerClusterName>_REPLY_TOPIC} (it is pushed to the
     * requester either way); RocketMQ's default true. The topic itself exists either way, as in RocketMQ 4.9.7.
     */
    @Live
    boolean storeReplyMessageEnable = true;
    /** {@code PROM} serves {@code GET /metrics} to Prometheus; RocketMQ 5's key, default {@code DISABLE}. */
    MetricsExporterType metricsExporterType = MetricsExporterType.DISABLE;
    /** Interface the metrics exporter listens on; empty (default) = every interface (RocketMQ 5: brokerIP1). */
    String metricsPromExporterHost = "";
    /** Port of the metrics exporter, 0 for any free one; RocketMQ 5's default 5557. */
    int metricsPromExporterPort = 5557;
    /** The config file updates are written back to: the {@code -c} file; empty (default) = updates not persisted. */
    String brokerConfigPath = "";
    /**
     * Keys UPDATE_BROKER_CONFIG refuses with NO_PERMISSION, {@code ;}-separated: RocketMQ 4.9.8's
     * {@code configBlackList;brokerConfigPath}, plus the home, the store paths and the address a remote caller must not
     * move.
     */
    @Live
    String configBlackList = "configBlackList;brokerConfigPath;rocketmqHome;storePathRootDir;storePathCommitLog;"
            + "listenPort;bindAddress";

    public boolean isAclEnable() {
        return aclEnable;
    }

    public boolean isTraceTopicEnable() {
        return traceTopicEnable;
    }

    public String getMsgTraceTopicName() {
        return msgTraceTopicName;
    }

    public boolean isStoreReplyMessageEnable() {
        return storeReplyMessageEnable;
    }

    @Override
    public void validate() {
        if (filterServerNums != 0) {
            throw new ConfigException("filterServerNums", "filter servers are not supported (RocketMQ 4.9's clients"
                    + " filter with tags and SQL92 on the broker): set it to 0 or remove it, was " + filterServerNums);
        }
        if (brokerRole == BrokerRole.SLAVE && brokerId <= 0) {
            throw new ConfigException("brokerId", "brokerRole=SLAVE needs brokerId >= 1 (0 is its master's id), was "
                    + brokerId);
        }
        if (brokerRole != BrokerRole.SLAVE && brokerId != 0) {
            throw new ConfigException("brokerId", "brokerRole=" + brokerRole + " (a master) needs brokerId=0 (1 and up"
                    + " are its slaves' ids), was " + brokerId);
        }
        if (brokerName == null || brokerName.isBlank()) {
            throw new ConfigException("brokerName", "must not be empty");
        }
        if (namesrvAddr != null && namesrvAddr.contains(",")) {
            throw new ConfigException("namesrvAddr", "'" + namesrvAddr + "' is separated by ',': use ';' between"
                    + " NameServer addresses, e.g. '" + namesrvAddr.replace(',', ';') + "'");
        }
        positive("sendMessageThreadPoolNums", sendMessageThreadPoolNums);
        positive("pullMessageThreadPoolNums", pullMessageThreadPoolNums);
        positive("queryMessageThreadPoolNums", queryMessageThreadPoolNums);
        positive("adminBrokerThreadPoolNums", adminBrokerThreadPoolNums);
        positive("heartbeatThreadPoolNums", heartbeatThreadPoolNums);
        positive("consumerManageThreadPoolNums", consumerManageThreadPoolNums);
        positive("sendThreadPoolQueueCapacity", sendThreadPoolQueueCapacity);
        positive("pullThreadPoolQueueCapacity", pullThreadPoolQueueCapacity);
        positive("queryThreadPoolQueueCapacity", queryThreadPoolQueueCapacity);
        positive("heartbeatThreadPoolQueueCapacity", heartbeatThreadPoolQueueCapacity);
        positive("adminThreadPoolQueueCapacity", adminThreadPoolQueueCapacity);
        positive("defaultTopicQueueNums", defaultTopicQueueNums);
        positive("pullHoldCheckIntervalMills", pullHoldCheckIntervalMills);
        positive("flushConsumerOffsetInterval", flushConsumerOffsetInterval);
        positive("registerBrokerTimeoutMills", registerBrokerTimeoutMills);
        positive("channelExpiredTimeout", channelExpiredTimeout);
        positive("defaultQueryMaxNum", defaultQueryMaxNum);
        positive("transactionCheckInterval", transactionCheckInterval);
        notNegative("waitTimeMillsInSendQueue", waitTimeMillsInSendQueue);
        notNegative("shortPollingTimeMills", shortPollingTimeMills);
        notNegative("transactionTimeOut", transactionTimeOut);
        notNegative("transactionCheckMax", transactionCheckMax);
        if (metricsPromExporterPort < 0 || metricsPromExporterPort > 65535) {
            throw new ConfigException("metricsPromExporterPort", "must be a port (0-65535), was "
                    + metricsPromExporterPort);
        }
        if (brokerPermission < 0 || brokerPermission > 7) {
            throw new ConfigException("brokerPermission", "must be 0..7, was " + brokerPermission);
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key, "must be positive, was " + value);
        }
    }

    private static void notNegative(String key, long value) {
        if (value < 0) {
            throw new ConfigException(key, "must not be negative, was " + value);
        }
    }

    public String getBrokerClusterName() {
        return brokerClusterName;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public long getBrokerId() {
        return brokerId;
    }

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    public String getBrokerIP1() {
        return brokerIP1;
    }

    public String getBrokerIP2() {
        return brokerIP2;
    }

    public BrokerRole getBrokerRole() {
        return brokerRole;
    }

    public int getBrokerPermission() {
        return brokerPermission;
    }

    public int getDefaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    public boolean isAutoCreateTopicEnable() {
        return autoCreateTopicEnable;
    }

    public boolean isAutoCreateSubscriptionGroup() {
        return autoCreateSubscriptionGroup;
    }

    public boolean isClusterTopicEnable() {
        return clusterTopicEnable;
    }

    public boolean isBrokerTopicEnable() {
        return brokerTopicEnable;
    }

    public int getSendMessageThreadPoolNums() {
        return sendMessageThreadPoolNums;
    }

    public int getPullMessageThreadPoolNums() {
        return pullMessageThreadPoolNums;
    }

    public int getQueryMessageThreadPoolNums() {
        return queryMessageThreadPoolNums;
    }

    public int getAdminBrokerThreadPoolNums() {
        return adminBrokerThreadPoolNums;
    }

    public int getHeartbeatThreadPoolNums() {
        return heartbeatThreadPoolNums;
    }

    public int getConsumerManageThreadPoolNums() {
        return consumerManageThreadPoolNums;
    }

    public int getSendThreadPoolQueueCapacity() {
        return sendThreadPoolQueueCapacity;
    }

    public int getPullThreadPoolQueueCapacity() {
        return pullThreadPoolQueueCapacity;
    }

    public int getQueryThreadPoolQueueCapacity() {
        return queryThreadPoolQueueCapacity;
    }

    public int getHeartbeatThreadPoolQueueCapacity() {
        return heartbeatThreadPoolQueueCapacity;
    }

    public int getAdminThreadPoolQueueCapacity() {
        return adminThreadPoolQueueCapacity;
    }

    public boolean isBrokerFastFailureEnable() {
        return brokerFastFailureEnable;
    }

    public int getWaitTimeMillsInSendQueue() {
        return waitTimeMillsInSendQueue;
    }

    public boolean isEnablePropertyFilter() {
        return enablePropertyFilter;
    }

    public boolean isLongPollingEnable() {
        return longPollingEnable;
    }

    public int getShortPollingTimeMills() {
        return shortPollingTimeMills;
    }

    public int getPullHoldCheckIntervalMills() {
        return pullHoldCheckIntervalMills;
    }

    public int getFlushConsumerOffsetInterval() {
        return flushConsumerOffsetInterval;
    }

    public int getRegisterNameServerPeriod() {
        return registerNameServerPeriod;
    }

    public int getRegisterBrokerTimeoutMills() {
        return registerBrokerTimeoutMills;
    }

    public long getChannelExpiredTimeout() {
        return channelExpiredTimeout;
    }

    public boolean isNotifyConsumerIdsChangedEnable() {
        return notifyConsumerIdsChangedEnable;
    }

    public boolean isSlaveReadEnable() {
        return slaveReadEnable;
    }

    public String getRegionId() {
        return regionId;
    }

    public boolean isTraceOn() {
        return traceOn;
    }

    public int getDefaultQueryMaxNum() {
        return defaultQueryMaxNum;
    }

    public long getTransactionTimeOut() {
        return transactionTimeOut;
    }

    public int getTransactionCheckMax() {
        return transactionCheckMax;
    }

    public long getTransactionCheckInterval() {
        return transactionCheckInterval;
    }

    public boolean isRejectTransactionMessage() {
        return rejectTransactionMessage;
    }

    public MetricsExporterType getMetricsExporterType() {
        return metricsExporterType;
    }

    public String getMetricsPromExporterHost() {
        return metricsPromExporterHost;
    }

    public int getMetricsPromExporterPort() {
        return metricsPromExporterPort;
    }

    public String getBrokerConfigPath() {
        return brokerConfigPath;
    }

    /** {@link #configBlackList} as a set of keys. */
    public Set<String> configBlackList() {
        return Arrays.stream(configBlackList.split(";")).map(String::trim).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "DEFAULT_BROKER";
        }
    }
}
