package io.apogee.common.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The config keys RocketMQ 4.9's servers read from their properties files (the settable properties of its
 * {@code NamesrvConfig}, {@code BrokerConfig}, {@code MessageStoreConfig}, {@code NettyServerConfig} and
 * {@code NettyClientConfig}, read from the 4.9.8 jars; 4.9.7 has the same), so that our servers can tell a RocketMQ
 * key they do not apply from a key nobody knows (see {@link UnboundKeys}). Names only: what each does is RocketMQ's.
 */
public final class RocketMqKeys {

    /** {@code NamesrvConfig}. */
    private static final Set<String> NAMESRV_CONFIG = Set.of(
            "clusterTest", "configBlackList", "configStorePath", "kvConfigPath", "orderMessageEnable",
            "productEnvName", "rocketmqHome");
    /** {@code NettyServerConfig}. */
    private static final Set<String> NETTY_SERVER_CONFIG = Set.of(
            "listenPort", "serverAsyncSemaphoreValue", "serverCallbackExecutorThreads",
            "serverChannelMaxIdleTimeSeconds", "serverOnewaySemaphoreValue", "serverPooledByteBufAllocatorEnable",
            "serverSelectorThreads", "serverSocketBacklog", "serverSocketRcvBufSize", "serverSocketSndBufSize",
            "serverWorkerThreads", "useEpollNativeSelector", "writeBufferHighWaterMark", "writeBufferLowWaterMark");
    /** {@code NettyClientConfig}. */
    private static final Set<String> NETTY_CLIENT_CONFIG = Set.of(
            "channelNotActiveInterval", "clientAsyncSemaphoreValue", "clientCallbackExecutorThreads",
            "clientChannelMaxIdleTimeSeconds", "clientCloseSocketIfTimeout", "clientOnewaySemaphoreValue",
            "clientPooledByteBufAllocatorEnable", "clientSocketRcvBufSize", "clientSocketSndBufSize",
            "clientWorkerThreads", "connectTimeoutMillis", "useTLS", "writeBufferHighWaterMark",
            "writeBufferLowWaterMark");
    /** {@code BrokerConfig}. */
    private static final Set<String> BROKER_CONFIG = Set.of(
            "aclEnable", "adminBrokerThreadPoolNums", "autoCreateSubscriptionGroup", "autoCreateTopicEnable",
            "autoDeleteUnusedStats", "brokerClusterName", "brokerFastFailureEnable", "brokerIP1", "brokerIP2",
            "brokerId", "brokerName", "brokerPermission", "brokerTopicEnable", "clientManageThreadPoolNums",
            "clientManagerThreadPoolQueueCapacity", "clusterTopicEnable", "commercialBaseCount", "commercialBigCount",
            "commercialEnable", "commercialTimerCount", "commercialTransCount", "compressedRegister",
            "configBlackList", "consumerFallbehindThreshold", "consumerManageThreadPoolNums",
            "consumerManagerThreadPoolQueueCapacity", "defaultTopicQueueNums", "disableConsumeIfConsumerReadSlowly",
            "enableCalcFilterBitMap", "enableDetailStat", "enablePropertyFilter", "endTransactionPoolQueueCapacity",
            "endTransactionThreadPoolNums", "expectConsumerNumUseFilter", "fetchNamesrvAddrByAddressServer",
            "filterDataCleanTimeSpan", "filterServerNums", "filterSupportRetry", "flushConsumerOffsetHistoryInterval",
            "flushConsumerOffsetInterval", "forceRegister", "heartbeatThreadPoolNums",
            "heartbeatThreadPoolQueueCapacity", "highSpeedMode", "isolateLogEnable", "longPollingEnable",
            "maxDelayTime", "maxErrorRateOfBloomFilter", "messageStorePlugIn", "msgTraceTopicName", "namesrvAddr",
            "notifyConsumerIdsChangedEnable", "processReplyMessageThreadPoolNums", "pullMessageThreadPoolNums",
            "pullThreadPoolQueueCapacity", "putMessageFutureThreadPoolNums", "putThreadPoolQueueCapacity",
            "queryMessageThreadPoolNums", "queryThreadPoolQueueCapacity", "regionId", "registerBrokerTimeoutMills",
            "registerNameServerPeriod", "rejectTransactionMessage", "replyThreadPoolQueueCapacity", "rocketmqHome",
            "sendMessageThreadPoolNums", "sendThreadPoolQueueCapacity", "shortPollingTimeMills", "slaveReadEnable",
            "startAcceptSendRequestTimeStamp", "storeReplyMessageEnable", "traceOn", "traceTopicEnable",
            "transactionCheckInterval", "transactionCheckMax", "transactionTimeOut", "transferMsgByHeap",
            "waitTimeMillsInHeartbeatQueue", "waitTimeMillsInPullQueue", "waitTimeMillsInSendQueue",
            "waitTimeMillsInTransactionQueue");
    /** {@code MessageStoreConfig}. */
    private static final Set<String> MESSAGE_STORE_CONFIG = Set.of(
            "accessMessageInMemoryMaxRatio", "bitMapLengthConsumeQueueExt", "brokerRole", "checkCRCOnRecover",
            "cleanFileForciblyEnable", "cleanResourceInterval", "commitCommitLogLeastPages",
            "commitCommitLogThoroughInterval", "commitIntervalCommitLog", "dLegerGroup", "dLegerPeers", "dLegerSelfId",
            "debugLockEnable", "defaultQueryMaxNum", "deleteCommitLogFilesInterval", "deleteConsumeQueueFilesInterval",
            "deleteWhen", "destroyMapedFileIntervalForcibly", "diskFallRecorded", "diskMaxUsedSpaceRatio",
            "duplicationEnable", "enableBatchPush", "enableConsumeQueueExt", "enableDLegerCommitLog", "enableLmq",
            "enableMultiDispatch", "enableScheduleAsyncDeliver", "enableScheduleMessageStats",
            "fastFailIfNoBufferInStorePool", "fileReservedTime", "flushCommitLogLeastPages",
            "flushCommitLogThoroughInterval", "flushCommitLogTimed", "flushConsumeQueueLeastPages",
            "flushConsumeQueueThoroughInterval", "flushDelayOffsetInterval", "flushDiskType", "flushIntervalCommitLog",
            "flushIntervalConsumeQueue", "flushLeastPagesWhenWarmMapedFile", "haHousekeepingInterval", "haListenPort",
            "haMasterAddress", "haSendHeartbeatInterval", "haSlaveFallbehindMax", "haTransferBatchSize",
            "mappedFileSizeCommitLog", "mappedFileSizeConsumeQueue", "mappedFileSizeConsumeQueueExt", "maxHashSlotNum",
            "maxIndexNum", "maxLmqConsumeQueueNum", "maxMessageSize", "maxMsgsNumBatch",
            "maxTransferBytesOnMessageInDisk", "maxTransferBytesOnMessageInMemory", "maxTransferCountOnMessageInDisk",
            "maxTransferCountOnMessageInMemory", "messageDelayLevel", "messageIndexEnable", "messageIndexSafe",
            "offsetCheckInSlave", "osPageCacheBusyTimeOutMills", "preferredLeaderId", "putMsgIndexHightWater",
            "readOnlyCommitLogStorePaths", "redeleteHangedFileInterval", "scheduleAsyncDeliverMaxPendingLimit",
            "scheduleAsyncDeliverMaxResendNum2Blocked", "slaveTimeout", "storePathCommitLog",
            "storePathDLedgerCommitLog", "storePathRootDir", "syncFlushTimeout", "transientStorePoolEnable",
            "transientStorePoolSize", "useReentrantLockWhenPutMessage", "warmMapedFileEnable");

    /** Every key RocketMQ 4.9's NameServer reads ({@code NamesrvStartup}: its own config and the remoting server's). */
    public static final Set<String> NAMESRV = union(NAMESRV_CONFIG, NETTY_SERVER_CONFIG);

    /** Every key RocketMQ 4.9's broker reads ({@code BrokerStartup}: broker, store, remoting server and client). */
    public static final Set<String> BROKER = union(BROKER_CONFIG, MESSAGE_STORE_CONFIG, NETTY_SERVER_CONFIG,
            NETTY_CLIENT_CONFIG);

    private RocketMqKeys() {
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... parts) {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> part : parts) {
            all.addAll(part);
        }
        return Collections.unmodifiableSet(all);
    }
}
