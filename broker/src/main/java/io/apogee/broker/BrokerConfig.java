package io.apogee.broker;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Validated;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Broker settings under RocketMQ's {@code BrokerConfig} key names, as operators write them in {@code broker.conf}.
 * Filled once by {@code ConfigBinder}, then read-only (except keys changed through UPDATE_BROKER_CONFIG).
 */
public class BrokerConfig implements Validated {

    /** Cluster this broker belongs to. */
    String brokerClusterName = "DefaultCluster";
    /** Name of the replica set (master and its slaves share it). */
    String brokerName = localHostName();
    /** 0 for the master, positive for slaves. */
    long brokerId = 0;
    /** Name servers, {@code host:port} separated by {@code ;}. */
    String namesrvAddr = System.getProperty("rocketmq.namesrv.addr", System.getenv().getOrDefault("NAMESRV_ADDR",
            ""));
    /** Address clients reach this broker at (goes into the route and into message ids); empty = a local address. */
    String brokerIP1 = "";
    /** Address slaves reach the HA port at; empty = {@link #brokerIP1}. */
    String brokerIP2 = "";
    /** Master, sync master or slave. */
    BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;
    /** Broker permission bits (read 4, write 2). */
    int brokerPermission = 6;
    /** Queue count of auto-created topics' template TBW102. */
    int defaultTopicQueueNums = 8;
    /** Create a topic on first send, from TBW102. */
    boolean autoCreateTopicEnable = true;
    /** Create a subscription group on a consumer's first heartbeat. */
    boolean autoCreateSubscriptionGroup = true;
    /** Serve the cluster-name topic (readable and writable). */
    boolean clusterTopicEnable = true;
    /** Serve the broker-name topic (readable and writable). */
    boolean brokerTopicEnable = true;
    /** Threads storing sends. */
    int sendMessageThreadPoolNums = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    /** Threads serving pulls. */
    int pullMessageThreadPoolNums = 16 + Runtime.getRuntime().availableProcessors() * 2;
    /** Threads serving message queries. */
    int queryMessageThreadPoolNums = 8 + Runtime.getRuntime().availableProcessors();
    /** Threads serving admin requests. */
    int adminBrokerThreadPoolNums = 16;
    /** Threads serving heartbeats and client registration. */
    int heartbeatThreadPoolNums = Math.min(32, Runtime.getRuntime().availableProcessors());
    /** Threads serving offset queries and updates. */
    int consumerManageThreadPoolNums = 32;
    /** Send requests queued at most; beyond, SYSTEM_BUSY. */
    int sendThreadPoolQueueCapacity = 10_000;
    /** Pull requests queued at most; beyond, SYSTEM_BUSY. */
    int pullThreadPoolQueueCapacity = 100_000;
    /** Query requests queued at most. */
    int queryThreadPoolQueueCapacity = 20_000;
    /** Heartbeats queued at most. */
    int heartbeatThreadPoolQueueCapacity = 50_000;
    /** Admin and offset requests queued at most. */
    int adminThreadPoolQueueCapacity = 100_000;
    /** Reject sends that waited in the queue longer than {@link #waitTimeMillsInSendQueue}. */
    boolean brokerFastFailureEnable = true;
    /** Longest a send may wait in the queue before it is answered SYSTEM_BUSY, in ms. */
    int waitTimeMillsInSendQueue = 200;
    /** Hold pulls that find nothing until a message arrives or the consumer's suspend time passes. */
    boolean longPollingEnable = true;
    /** Hold time of a pull when long polling is off, in ms. */
    int shortPollingTimeMills = 1000;
    /** How often held pulls are checked for their timeout, in ms (RocketMQ checks every 5 s). */
    int pullHoldCheckIntervalMills = 1000;
    /** Consumer offsets persisted every this many ms. */
    int flushConsumerOffsetInterval = 5000;
    /** Registration with every name server repeats every this many ms (clamped to 10-60 s like RocketMQ). */
    int registerNameServerPeriod = 30_000;
    /** Timeout of one registration, in ms. */
    int registerBrokerTimeoutMills = 6000;
    /** Client channels silent for this long are closed and their producers and consumers forgotten, in ms. */
    long channelExpiredTimeout = 120_000;
    /** Tell a group's consumers when its membership changes. */
    boolean notifyConsumerIdsChangedEnable = true;
    /** Let consumers read from slaves. */
    boolean slaveReadEnable = false;
    /** Region tag in send responses. */
    String regionId = "DefaultRegion";
    /** Trace flag in send responses. */
    boolean traceOn = true;
    /** Key queries by unique key return at most this many messages. */
    int defaultQueryMaxNum = 32;
    /** A half message unresolved for this long is checked back with its producer group, in ms. */
    long transactionTimeOut = 6000;
    /** Check-backs per half message; after this many it is discarded with a log line. */
    int transactionCheckMax = 15;
    /** How often unresolved half messages are scanned for check-backs, in ms. */
    long transactionCheckInterval = 60_000;
    /** Refuse transactional (half) messages with NO_PERMISSION. */
    boolean rejectTransactionMessage = false;

    @Override
    public void validate() {
        if (brokerRole == BrokerRole.SLAVE && brokerId <= 0) {
            throw new ConfigException("brokerId", "a SLAVE needs a brokerId > 0, was " + brokerId);
        }
        if (brokerRole != BrokerRole.SLAVE && brokerId != 0) {
            throw new ConfigException("brokerId", "a master's brokerId must be 0, was " + brokerId);
        }
        if (brokerName == null || brokerName.isBlank()) {
            throw new ConfigException("brokerName", "must not be empty");
        }
        positive("sendMessageThreadPoolNums", sendMessageThreadPoolNums);
        positive("pullMessageThreadPoolNums", pullMessageThreadPoolNums);
        positive("defaultTopicQueueNums", defaultTopicQueueNums);
        if (transactionTimeOut < 0 || transactionCheckInterval <= 0 || transactionCheckMax < 0) {
            throw new ConfigException("transactionCheckInterval", "transaction timeout, check max and check interval"
                    + " must not be negative (interval positive)");
        }
        if (brokerPermission < 0 || brokerPermission > 7) {
            throw new ConfigException("brokerPermission", "must be 0..7, was " + brokerPermission);
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new ConfigException(key, "must be positive, was " + value);
        }
    }

    public String getBrokerClusterName() {
        return brokerClusterName;
    }

    public void setBrokerClusterName(String brokerClusterName) {
        this.brokerClusterName = brokerClusterName;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public long getBrokerId() {
        return brokerId;
    }

    public void setBrokerId(long brokerId) {
        this.brokerId = brokerId;
    }

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    public String getBrokerIP1() {
        return brokerIP1;
    }

    public void setBrokerIP1(String brokerIP1) {
        this.brokerIP1 = brokerIP1;
    }

    public String getBrokerIP2() {
        return brokerIP2;
    }

    public void setBrokerIP2(String brokerIP2) {
        this.brokerIP2 = brokerIP2;
    }

    public BrokerRole getBrokerRole() {
        return brokerRole;
    }

    public void setBrokerRole(BrokerRole brokerRole) {
        this.brokerRole = brokerRole;
    }

    public int getBrokerPermission() {
        return brokerPermission;
    }

    public void setBrokerPermission(int brokerPermission) {
        this.brokerPermission = brokerPermission;
    }

    public int getDefaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    public void setDefaultTopicQueueNums(int defaultTopicQueueNums) {
        this.defaultTopicQueueNums = defaultTopicQueueNums;
    }

    public boolean isAutoCreateTopicEnable() {
        return autoCreateTopicEnable;
    }

    public void setAutoCreateTopicEnable(boolean autoCreateTopicEnable) {
        this.autoCreateTopicEnable = autoCreateTopicEnable;
    }

    public boolean isAutoCreateSubscriptionGroup() {
        return autoCreateSubscriptionGroup;
    }

    public void setAutoCreateSubscriptionGroup(boolean autoCreateSubscriptionGroup) {
        this.autoCreateSubscriptionGroup = autoCreateSubscriptionGroup;
    }

    public boolean isClusterTopicEnable() {
        return clusterTopicEnable;
    }

    public void setClusterTopicEnable(boolean clusterTopicEnable) {
        this.clusterTopicEnable = clusterTopicEnable;
    }

    public boolean isBrokerTopicEnable() {
        return brokerTopicEnable;
    }

    public void setBrokerTopicEnable(boolean brokerTopicEnable) {
        this.brokerTopicEnable = brokerTopicEnable;
    }

    public int getSendMessageThreadPoolNums() {
        return sendMessageThreadPoolNums;
    }

    public void setSendMessageThreadPoolNums(int sendMessageThreadPoolNums) {
        this.sendMessageThreadPoolNums = sendMessageThreadPoolNums;
    }

    public int getPullMessageThreadPoolNums() {
        return pullMessageThreadPoolNums;
    }

    public void setPullMessageThreadPoolNums(int pullMessageThreadPoolNums) {
        this.pullMessageThreadPoolNums = pullMessageThreadPoolNums;
    }

    public int getQueryMessageThreadPoolNums() {
        return queryMessageThreadPoolNums;
    }

    public void setQueryMessageThreadPoolNums(int queryMessageThreadPoolNums) {
        this.queryMessageThreadPoolNums = queryMessageThreadPoolNums;
    }

    public int getAdminBrokerThreadPoolNums() {
        return adminBrokerThreadPoolNums;
    }

    public void setAdminBrokerThreadPoolNums(int adminBrokerThreadPoolNums) {
        this.adminBrokerThreadPoolNums = adminBrokerThreadPoolNums;
    }

    public int getHeartbeatThreadPoolNums() {
        return heartbeatThreadPoolNums;
    }

    public void setHeartbeatThreadPoolNums(int heartbeatThreadPoolNums) {
        this.heartbeatThreadPoolNums = heartbeatThreadPoolNums;
    }

    public int getConsumerManageThreadPoolNums() {
        return consumerManageThreadPoolNums;
    }

    public void setConsumerManageThreadPoolNums(int consumerManageThreadPoolNums) {
        this.consumerManageThreadPoolNums = consumerManageThreadPoolNums;
    }

    public int getSendThreadPoolQueueCapacity() {
        return sendThreadPoolQueueCapacity;
    }

    public void setSendThreadPoolQueueCapacity(int sendThreadPoolQueueCapacity) {
        this.sendThreadPoolQueueCapacity = sendThreadPoolQueueCapacity;
    }

    public int getPullThreadPoolQueueCapacity() {
        return pullThreadPoolQueueCapacity;
    }

    public void setPullThreadPoolQueueCapacity(int pullThreadPoolQueueCapacity) {
        this.pullThreadPoolQueueCapacity = pullThreadPoolQueueCapacity;
    }

    public int getQueryThreadPoolQueueCapacity() {
        return queryThreadPoolQueueCapacity;
    }

    public void setQueryThreadPoolQueueCapacity(int queryThreadPoolQueueCapacity) {
        this.queryThreadPoolQueueCapacity = queryThreadPoolQueueCapacity;
    }

    public int getHeartbeatThreadPoolQueueCapacity() {
        return heartbeatThreadPoolQueueCapacity;
    }

    public void setHeartbeatThreadPoolQueueCapacity(int heartbeatThreadPoolQueueCapacity) {
        this.heartbeatThreadPoolQueueCapacity = heartbeatThreadPoolQueueCapacity;
    }

    public int getAdminThreadPoolQueueCapacity() {
        return adminThreadPoolQueueCapacity;
    }

    public void setAdminThreadPoolQueueCapacity(int adminThreadPoolQueueCapacity) {
        this.adminThreadPoolQueueCapacity = adminThreadPoolQueueCapacity;
    }

    public boolean isBrokerFastFailureEnable() {
        return brokerFastFailureEnable;
    }

    public void setBrokerFastFailureEnable(boolean brokerFastFailureEnable) {
        this.brokerFastFailureEnable = brokerFastFailureEnable;
    }

    public int getWaitTimeMillsInSendQueue() {
        return waitTimeMillsInSendQueue;
    }

    public void setWaitTimeMillsInSendQueue(int waitTimeMillsInSendQueue) {
        this.waitTimeMillsInSendQueue = waitTimeMillsInSendQueue;
    }

    public boolean isLongPollingEnable() {
        return longPollingEnable;
    }

    public void setLongPollingEnable(boolean longPollingEnable) {
        this.longPollingEnable = longPollingEnable;
    }

    public int getShortPollingTimeMills() {
        return shortPollingTimeMills;
    }

    public void setShortPollingTimeMills(int shortPollingTimeMills) {
        this.shortPollingTimeMills = shortPollingTimeMills;
    }

    public int getPullHoldCheckIntervalMills() {
        return pullHoldCheckIntervalMills;
    }

    public void setPullHoldCheckIntervalMills(int pullHoldCheckIntervalMills) {
        this.pullHoldCheckIntervalMills = pullHoldCheckIntervalMills;
    }

    public int getFlushConsumerOffsetInterval() {
        return flushConsumerOffsetInterval;
    }

    public void setFlushConsumerOffsetInterval(int flushConsumerOffsetInterval) {
        this.flushConsumerOffsetInterval = flushConsumerOffsetInterval;
    }

    public int getRegisterNameServerPeriod() {
        return registerNameServerPeriod;
    }

    public void setRegisterNameServerPeriod(int registerNameServerPeriod) {
        this.registerNameServerPeriod = registerNameServerPeriod;
    }

    public int getRegisterBrokerTimeoutMills() {
        return registerBrokerTimeoutMills;
    }

    public void setRegisterBrokerTimeoutMills(int registerBrokerTimeoutMills) {
        this.registerBrokerTimeoutMills = registerBrokerTimeoutMills;
    }

    public long getChannelExpiredTimeout() {
        return channelExpiredTimeout;
    }

    public void setChannelExpiredTimeout(long channelExpiredTimeout) {
        this.channelExpiredTimeout = channelExpiredTimeout;
    }

    public boolean isNotifyConsumerIdsChangedEnable() {
        return notifyConsumerIdsChangedEnable;
    }

    public void setNotifyConsumerIdsChangedEnable(boolean notifyConsumerIdsChangedEnable) {
        this.notifyConsumerIdsChangedEnable = notifyConsumerIdsChangedEnable;
    }

    public boolean isSlaveReadEnable() {
        return slaveReadEnable;
    }

    public void setSlaveReadEnable(boolean slaveReadEnable) {
        this.slaveReadEnable = slaveReadEnable;
    }

    public String getRegionId() {
        return regionId;
    }

    public void setRegionId(String regionId) {
        this.regionId = regionId;
    }

    public boolean isTraceOn() {
        return traceOn;
    }

    public void setTraceOn(boolean traceOn) {
        this.traceOn = traceOn;
    }

    public int getDefaultQueryMaxNum() {
        return defaultQueryMaxNum;
    }

    public void setDefaultQueryMaxNum(int defaultQueryMaxNum) {
        this.defaultQueryMaxNum = defaultQueryMaxNum;
    }

    public long getTransactionTimeOut() {
        return transactionTimeOut;
    }

    public void setTransactionTimeOut(long transactionTimeOut) {
        this.transactionTimeOut = transactionTimeOut;
    }

    public int getTransactionCheckMax() {
        return transactionCheckMax;
    }

    public void setTransactionCheckMax(int transactionCheckMax) {
        this.transactionCheckMax = transactionCheckMax;
    }

    public long getTransactionCheckInterval() {
        return transactionCheckInterval;
    }

    public void setTransactionCheckInterval(long transactionCheckInterval) {
        this.transactionCheckInterval = transactionCheckInterval;
    }

    public boolean isRejectTransactionMessage() {
        return rejectTransactionMessage;
    }

    public void setRejectTransactionMessage(boolean rejectTransactionMessage) {
        this.rejectTransactionMessage = rejectTransactionMessage;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "DEFAULT_BROKER";
        }
    }
}
