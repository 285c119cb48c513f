package io.apogee.store;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Live;
import io.apogee.common.config.Validated;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Store settings under RocketMQ's {@code MessageStoreConfig} key names and defaults (behaviours.md §6), filled by
 * {@code ConfigBinder}. The store reads them when it is built, except the {@link Live} keys (retention, read batch
 * sizes, the query default) that it reads from the published settings on every use. A broker never changes a
 * published instance (an update publishes a validated copy); the setters are for tests and tools that build a store
 * directly.
 */
public class MessageStoreConfig implements Validated {

    /** Root of the store (commit log, queues, index, checkpoint, abort marker); RocketMQ's default ~/store. */
    private String storePathRootDir = System.getProperty("user.home") + "/store";
    /** Commit-log directory; empty (default) means {@code <storePathRootDir>/commitlog}, as RocketMQ's default. */
    private String storePathCommitLog = "";
    /** Size of one commit-log file in bytes; RocketMQ's default 1 GiB. */
    private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
    /** Size of one consume-queue file in bytes; RocketMQ's default 300,000 entries of 20 bytes. */
    private int mappedFileSizeConsumeQueue = 300_000 * 20;
    /** {@code ASYNC_FLUSH} or {@code SYNC_FLUSH}; RocketMQ's default {@code ASYNC_FLUSH}. */
    private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    /** Async commit-log flush interval in ms; RocketMQ's default 500. */
    private int flushIntervalCommitLog = 500;
    /** Async flush only when at least this many 4 KiB pages are dirty (0 = always); RocketMQ's default 4. */
    private int flushCommitLogLeastPages = 4;
    /** Async flush ignores the page minimum this many ms after the last full flush; RocketMQ's default 10,000. */
    private int flushCommitLogThoroughInterval = 10_000;
    /** True: the async flush runs on its interval only; false: every append wakes it. RocketMQ's default true. */
    private boolean flushCommitLogTimed = true;
    /** Consume-queue and index flush (and checkpoint) interval in ms; RocketMQ's default 1000. */
    private int flushIntervalConsumeQueue = 1000;
    /**
     * RocketMQ's consume-queue flush page minimum (default 2); accepted but not used: every round flushes every dirty
     * page, so that the checkpoint follows dispatch (see {@code ConsumeQueueFlushService}).
     */
    private int flushConsumeQueueLeastPages = 2;
    /** RocketMQ's interval of full consume-queue flushes (default 60 s); accepted but not used, as the page minimum. */
    private int flushConsumeQueueThoroughInterval = 60_000;
    /** How long a SYNC_FLUSH append waits for its fsync before FLUSH_DISK_TIMEOUT, in ms; RocketMQ's default 5000. */
    private int syncFlushTimeout = 5000;
    /** Hours of day ({@code ;}-separated, 00-23) when expired files are deleted; RocketMQ's default {@code 04}. */
    @Live
    private String deleteWhen = "04";
    /** Hours a commit-log file is kept after its last write; RocketMQ's default 72. */
    @Live
    private int fileReservedTime = 72;
    /** Disk use (percent) above which expired files are deleted at any hour; RocketMQ's default 75. */
    @Live
    private int diskMaxUsedSpaceRatio = 75;
    /**
     * Disk use (fraction) above which the oldest files go even if not expired; default 0.85, or the system property
     * {@code rocketmq.broker.diskSpaceCleanForciblyRatio} as RocketMQ 4.9 reads it.
     */
    @Live
    private double diskSpaceCleanForciblyRatio = systemRatio("rocketmq.broker.diskSpaceCleanForciblyRatio", 0.85);
    /**
     * Disk use (fraction) above which appends are refused with DISK_FULL; default 0.90, or the system property
     * {@code rocketmq.broker.diskSpaceWarningLevelRatio} as RocketMQ 4.9 reads it.
     */
    @Live
    private double diskSpaceWarningLevelRatio = systemRatio("rocketmq.broker.diskSpaceWarningLevelRatio", 0.90);
    /** Retention check interval in ms; RocketMQ's default 10,000. */
    private int cleanResourceInterval = 10_000;
    /** Largest accepted message body in bytes (a commit-log file must hold it); RocketMQ's default 4 MiB. */
    private int maxMessageSize = 1024 * 1024 * 4;
    /** Whether the key index is built; RocketMQ's default true. */
    private boolean messageIndexEnable = true;
    /** Hash slots per index file; RocketMQ's default 5,000,000. */
    private int maxHashSlotNum = 5_000_000;
    /** Entries per index file; RocketMQ's default 20,000,000. */
    private int maxIndexNum = 5_000_000 * 4;
    /** Default result limit of key queries; RocketMQ's default 32. */
    @Live
    private int defaultQueryMaxNum = 32;
    /** A read returns at most this many bytes when its data is in memory; RocketMQ's default 256 KiB. */
    @Live
    private int maxTransferBytesOnMessageInMemory = 256 * 1024;
    /** A read returns at most this many messages when its data is in memory; RocketMQ's default 32. */
    @Live
    private int maxTransferCountOnMessageInMemory = 32;
    /** A read returns at most this many bytes when its data has left memory; RocketMQ's default 64 KiB. */
    @Live
    private int maxTransferBytesOnMessageInDisk = 64 * 1024;
    /** A read returns at most this many messages when its data has left memory; RocketMQ's default 8. */
    @Live
    private int maxTransferCountOnMessageInDisk = 8;
    /** Share of physical memory (percent) assumed to hold the newest commit-log bytes; RocketMQ's default 40. */
    private int accessMessageInMemoryMaxRatio = 40;
    /**
     * Bytes of the newest commit-log file kept paged in ahead of the write position by a background thread, so that
     * appends do not take page faults under the append lock (0 disables). Apogee's own key.
     */
    private int commitLogPrefaultAhead = 16 * 1024 * 1024;
    /**
     * Prepare the next commit-log file on a background thread, once the one before it is half written, with every
     * disk block reserved by writing zeros over it, so that a roll takes a ready file without waiting and a disk
     * that fills up refuses the append needing a new file with DISK_FULL (naming the file, bytes needed and free)
     * instead of a mapped page failing mid-file (a store's first file, and one the roll had to create itself before
     * it was ready, stay sparse). RocketMQ's key (there it writes zeros into each preallocated file and locks it in
     * memory), with RocketMQ's default, false: the zeros double the bytes the disk writes (measured: a store
     * appending flat out, 1 GiB files, 743k appends/s sparse against 497k with them), while the sparse file the roll
     * creates instead costs it 3 to 11 ms, and {@code diskMaxUsedSpaceRatio} refuses sends long before a disk is full.
     * True suits a disk shared with something that may fill it.
     */
    private boolean warmMapedFileEnable = false;
    /** Delay levels (s/m/h/d units), stamping the due time as tag code in SCHEDULE_TOPIC_XXXX; RocketMQ's default. */
    private String messageDelayLevel = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
    /** {@code ASYNC_MASTER}, {@code SYNC_MASTER} or {@code SLAVE}; RocketMQ's default {@code ASYNC_MASTER}. */
    private BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;
    /**
     * Port a master accepts slaves on; RocketMQ's broker sets it to {@code listenPort + 1} whatever the file says,
     * and so should its owner here. 0 binds any free port (tests; the bound one is in {@code HaStatus}); -1, the
     * default of a bare store, opens no HA port, so such a SYNC_MASTER answers {@code SLAVE_NOT_AVAILABLE}.
     */
    private int haListenPort = -1;
    /** {@code host:port} of the master's HA port for a SLAVE; empty = learnt at run time from the name server. */
    private String haMasterAddress = "";
    /** A slave reports its offset, and a master sends a heartbeat frame, after this many ms without writing. */
    private int haSendHeartbeatInterval = 5000;
    /** Either side closes an HA connection after this many ms without reading anything. */
    private int haHousekeepingInterval = 20_000;
    /** Largest commit-log chunk in one HA frame, in bytes. */
    private int haTransferBatchSize = 32 * 1024;
    /** A SYNC_MASTER answers {@code SLAVE_NOT_AVAILABLE} at once when its best slave is this many bytes behind. */
    private int haSlaveFallbehindMax = 256 * 1024 * 1024;
    /** How long a SYNC_MASTER append waits for a slave's confirmation before {@code FLUSH_SLAVE_TIMEOUT}, in ms. */
    private int slaveTimeout = 3000;

    @Override
    public void validate() {
        positive("mappedFileSizeCommitLog", mappedFileSizeCommitLog);
        positive("mappedFileSizeConsumeQueue", mappedFileSizeConsumeQueue);
        if (mappedFileSizeConsumeQueue % 20 != 0) {
            throw new ConfigException("mappedFileSizeConsumeQueue", "must be a multiple of 20");
        }
        positive("flushIntervalCommitLog", flushIntervalCommitLog);
        positive("flushIntervalConsumeQueue", flushIntervalConsumeQueue);
        positive("syncFlushTimeout", syncFlushTimeout);
        positive("cleanResourceInterval", cleanResourceInterval);
        positive("maxMessageSize", maxMessageSize);
        positive("maxHashSlotNum", maxHashSlotNum);
        positive("maxIndexNum", maxIndexNum);
        if (commitLogPrefaultAhead < 0) {
            throw new ConfigException("commitLogPrefaultAhead", "must not be negative");
        }
        if ((long) maxMessageSize + 64 * 1024 > mappedFileSizeCommitLog) {
            throw new ConfigException("maxMessageSize", "plus 64 KiB of headers must fit a commit-log file ("
                    + mappedFileSizeCommitLog + " bytes)");
        }
        if (diskMaxUsedSpaceRatio < 10 || diskMaxUsedSpaceRatio > 95) {
            throw new ConfigException("diskMaxUsedSpaceRatio", "must be within 10..95");
        }
        fraction("diskSpaceCleanForciblyRatio", diskSpaceCleanForciblyRatio);
        fraction("diskSpaceWarningLevelRatio", diskSpaceWarningLevelRatio);
        deleteHours();
        delayLevelMillis();
        validateHa();
    }

    private void validateHa() {
        if (haListenPort < -1 || haListenPort > 65535) {
            throw new ConfigException("haListenPort", "must be within 0..65535 (or -1: none), was " + haListenPort);
        }
        positive("haSendHeartbeatInterval", haSendHeartbeatInterval);
        if (haHousekeepingInterval <= haSendHeartbeatInterval) {
            throw new ConfigException("haHousekeepingInterval", "must be longer than haSendHeartbeatInterval ("
                    + haSendHeartbeatInterval + " ms), was " + haHousekeepingInterval);
        }
        positive("haTransferBatchSize", haTransferBatchSize);
        positive("haSlaveFallbehindMax", haSlaveFallbehindMax);
        positive("slaveTimeout", slaveTimeout);
        if (!haMasterAddress.isEmpty()) {
            haMasterSocketAddress();
        }
    }

    /**
     * {@link #getHaMasterAddress()} as a socket address, or {@code null} when empty.
     *
     * @throws ConfigException when it is not {@code host:port}
     */
    public InetSocketAddress haMasterSocketAddress() {
        return haMasterAddress.isEmpty() ? null : haAddress("haMasterAddress", haMasterAddress);
    }

    /**
     * Parses an HA address {@code host:port} (unresolved).
     *
     * @param key the config key or API parameter named in the exception
     * @throws ConfigException when {@code value} is not {@code host:port} with a port in 1..65535
     */
    public static InetSocketAddress haAddress(String key, String value) {
        int colon = value.lastIndexOf(':');
        try {
            int port = colon > 0 ? Integer.parseInt(value.substring(colon + 1).trim()) : -1;
            if (port >= 1 && port <= 65535) {
                return InetSocketAddress.createUnresolved(value.substring(0, colon).trim(), port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, "must be host:port, was '" + value + "'");
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key, "must be positive, was " + value);
        }
    }

    private static void fraction(String key, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new ConfigException(key, "must be within (0, 1], was " + value);
        }
    }

    /** The commit-log directory. */
    public Path commitLogDir() {
        return storePathCommitLog.isEmpty() ? rootDir().resolve("commitlog") : Path.of(storePathCommitLog);
    }

    public Path rootDir() {
        return Path.of(storePathRootDir);
    }

    /** The hours of {@link #getDeleteWhen()}. */
    public List<Integer> deleteHours() {
        List<Integer> hours = new ArrayList<>();
        for (String part : deleteWhen.split(";")) {
            try {
                int hour = Integer.parseInt(part.trim());
                if (hour < 0 || hour > 23) {
                    throw new NumberFormatException();
                }
                hours.add(hour);
            } catch (NumberFormatException e) {
                throw new ConfigException("deleteWhen", "not an hour of day: '" + part + "'");
            }
        }
        return Collections.unmodifiableList(hours);
    }

    /** Delay of each level in ms, index 0 = level 1. */
    public long[] delayLevelMillis() {
        String[] parts = messageDelayLevel.trim().split("\\s+");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            long unit = switch (p.isEmpty() ? ' ' : p.charAt(p.length() - 1)) {
                case 's' -> 1000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                default -> throw new ConfigException("messageDelayLevel", "bad level '" + p + "'");
            };
            try {
                out[i] = Long.parseLong(p.substring(0, p.length() - 1)) * unit;
            } catch (NumberFormatException e) {
                throw new ConfigException("messageDelayLevel", "bad level '" + p + "'");
            }
        }
        return out;
    }

    public String getStorePathRootDir() {
        return storePathRootDir;
    }

    public void setStorePathRootDir(String storePathRootDir) {
        this.storePathRootDir = storePathRootDir;
    }

    public String getStorePathCommitLog() {
        return storePathCommitLog;
    }

    public void setStorePathCommitLog(String storePathCommitLog) {
        this.storePathCommitLog = storePathCommitLog;
    }

    public int getMappedFileSizeCommitLog() {
        return mappedFileSizeCommitLog;
    }

    public void setMappedFileSizeCommitLog(int mappedFileSizeCommitLog) {
        this.mappedFileSizeCommitLog = mappedFileSizeCommitLog;
    }

    public int getMappedFileSizeConsumeQueue() {
        return mappedFileSizeConsumeQueue;
    }

    public void setMappedFileSizeConsumeQueue(int mappedFileSizeConsumeQueue) {
        this.mappedFileSizeConsumeQueue = mappedFileSizeConsumeQueue;
    }

    public FlushDiskType getFlushDiskType() {
        return flushDiskType;
    }

    public void setFlushDiskType(FlushDiskType flushDiskType) {
        this.flushDiskType = flushDiskType;
    }

    public int getFlushIntervalCommitLog() {
        return flushIntervalCommitLog;
    }

    public void setFlushIntervalCommitLog(int flushIntervalCommitLog) {
        this.flushIntervalCommitLog = flushIntervalCommitLog;
    }

    public int getFlushCommitLogLeastPages() {
        return flushCommitLogLeastPages;
    }

    public void setFlushCommitLogLeastPages(int flushCommitLogLeastPages) {
        this.flushCommitLogLeastPages = flushCommitLogLeastPages;
    }

    public int getFlushCommitLogThoroughInterval() {
        return flushCommitLogThoroughInterval;
    }

    public void setFlushCommitLogThoroughInterval(int flushCommitLogThoroughInterval) {
        this.flushCommitLogThoroughInterval = flushCommitLogThoroughInterval;
    }

    public boolean isFlushCommitLogTimed() {
        return flushCommitLogTimed;
    }

    public void setFlushCommitLogTimed(boolean flushCommitLogTimed) {
        this.flushCommitLogTimed = flushCommitLogTimed;
    }

    public int getFlushIntervalConsumeQueue() {
        return flushIntervalConsumeQueue;
    }

    public void setFlushIntervalConsumeQueue(int flushIntervalConsumeQueue) {
        this.flushIntervalConsumeQueue = flushIntervalConsumeQueue;
    }

    public int getFlushConsumeQueueLeastPages() {
        return flushConsumeQueueLeastPages;
    }

    public void setFlushConsumeQueueLeastPages(int flushConsumeQueueLeastPages) {
        this.flushConsumeQueueLeastPages = flushConsumeQueueLeastPages;
    }

    public int getFlushConsumeQueueThoroughInterval() {
        return flushConsumeQueueThoroughInterval;
    }

    public void setFlushConsumeQueueThoroughInterval(int flushConsumeQueueThoroughInterval) {
        this.flushConsumeQueueThoroughInterval = flushConsumeQueueThoroughInterval;
    }

    public int getSyncFlushTimeout() {
        return syncFlushTimeout;
    }

    public void setSyncFlushTimeout(int syncFlushTimeout) {
        this.syncFlushTimeout = syncFlushTimeout;
    }

    public String getDeleteWhen() {
        return deleteWhen;
    }

    public void setDeleteWhen(String deleteWhen) {
        this.deleteWhen = deleteWhen;
    }

    public int getFileReservedTime() {
        return fileReservedTime;
    }

    public void setFileReservedTime(int fileReservedTime) {
        this.fileReservedTime = fileReservedTime;
    }

    public int getDiskMaxUsedSpaceRatio() {
        return diskMaxUsedSpaceRatio;
    }

    public void setDiskMaxUsedSpaceRatio(int diskMaxUsedSpaceRatio) {
        this.diskMaxUsedSpaceRatio = diskMaxUsedSpaceRatio;
    }

    public double getDiskSpaceCleanForciblyRatio() {
        return diskSpaceCleanForciblyRatio;
    }

    public void setDiskSpaceCleanForciblyRatio(double diskSpaceCleanForciblyRatio) {
        this.diskSpaceCleanForciblyRatio = diskSpaceCleanForciblyRatio;
    }

    public double getDiskSpaceWarningLevelRatio() {
        return diskSpaceWarningLevelRatio;
    }

    public void setDiskSpaceWarningLevelRatio(double diskSpaceWarningLevelRatio) {
        this.diskSpaceWarningLevelRatio = diskSpaceWarningLevelRatio;
    }

    public int getCleanResourceInterval() {
        return cleanResourceInterval;
    }

    public void setCleanResourceInterval(int cleanResourceInterval) {
        this.cleanResourceInterval = cleanResourceInterval;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public boolean isMessageIndexEnable() {
        return messageIndexEnable;
    }

    public void setMessageIndexEnable(boolean messageIndexEnable) {
        this.messageIndexEnable = messageIndexEnable;
    }

    public int getMaxHashSlotNum() {
        return maxHashSlotNum;
    }

    public void setMaxHashSlotNum(int maxHashSlotNum) {
        this.maxHashSlotNum = maxHashSlotNum;
    }

    public int getMaxIndexNum() {
        return maxIndexNum;
    }

    public void setMaxIndexNum(int maxIndexNum) {
        this.maxIndexNum = maxIndexNum;
    }

    public int getDefaultQueryMaxNum() {
        return defaultQueryMaxNum;
    }

    public void setDefaultQueryMaxNum(int defaultQueryMaxNum) {
        this.defaultQueryMaxNum = defaultQueryMaxNum;
    }

    public int getMaxTransferBytesOnMessageInMemory() {
        return maxTransferBytesOnMessageInMemory;
    }

    public void setMaxTransferBytesOnMessageInMemory(int maxTransferBytesOnMessageInMemory) {
        this.maxTransferBytesOnMessageInMemory = maxTransferBytesOnMessageInMemory;
    }

    public int getMaxTransferCountOnMessageInMemory() {
        return maxTransferCountOnMessageInMemory;
    }

    public void setMaxTransferCountOnMessageInMemory(int maxTransferCountOnMessageInMemory) {
        this.maxTransferCountOnMessageInMemory = maxTransferCountOnMessageInMemory;
    }

    public int getMaxTransferBytesOnMessageInDisk() {
        return maxTransferBytesOnMessageInDisk;
    }

    public void setMaxTransferBytesOnMessageInDisk(int maxTransferBytesOnMessageInDisk) {
        this.maxTransferBytesOnMessageInDisk = maxTransferBytesOnMessageInDisk;
    }

    public int getMaxTransferCountOnMessageInDisk() {
        return maxTransferCountOnMessageInDisk;
    }

    public void setMaxTransferCountOnMessageInDisk(int maxTransferCountOnMessageInDisk) {
        this.maxTransferCountOnMessageInDisk = maxTransferCountOnMessageInDisk;
    }

    public int getAccessMessageInMemoryMaxRatio() {
        return accessMessageInMemoryMaxRatio;
    }

    public void setAccessMessageInMemoryMaxRatio(int accessMessageInMemoryMaxRatio) {
        this.accessMessageInMemoryMaxRatio = accessMessageInMemoryMaxRatio;
    }

    public String getMessageDelayLevel() {
        return messageDelayLevel;
    }

    public void setMessageDelayLevel(String messageDelayLevel) {
        this.messageDelayLevel = messageDelayLevel;
    }

    public int getCommitLogPrefaultAhead() {
        return commitLogPrefaultAhead;
    }

    public void setCommitLogPrefaultAhead(int commitLogPrefaultAhead) {
        this.commitLogPrefaultAhead = commitLogPrefaultAhead;
    }

    public boolean isWarmMapedFileEnable() {
        return warmMapedFileEnable;
    }

    public void setWarmMapedFileEnable(boolean warmMapedFileEnable) {
        this.warmMapedFileEnable = warmMapedFileEnable;
    }

    public BrokerRole getBrokerRole() {
        return brokerRole;
    }

    public void setBrokerRole(BrokerRole brokerRole) {
        this.brokerRole = brokerRole;
    }

    public int getHaListenPort() {
        return haListenPort;
    }

    public void setHaListenPort(int haListenPort) {
        this.haListenPort = haListenPort;
    }

    public String getHaMasterAddress() {
        return haMasterAddress;
    }

    public void setHaMasterAddress(String haMasterAddress) {
        this.haMasterAddress = haMasterAddress == null ? "" : haMasterAddress.trim();
    }

    public int getHaSendHeartbeatInterval() {
        return haSendHeartbeatInterval;
    }

    public void setHaSendHeartbeatInterval(int haSendHeartbeatInterval) {
        this.haSendHeartbeatInterval = haSendHeartbeatInterval;
    }

    public int getHaHousekeepingInterval() {
        return haHousekeepingInterval;
    }

    public void setHaHousekeepingInterval(int haHousekeepingInterval) {
        this.haHousekeepingInterval = haHousekeepingInterval;
    }

    public int getHaTransferBatchSize() {
        return haTransferBatchSize;
    }

    public void setHaTransferBatchSize(int haTransferBatchSize) {
        this.haTransferBatchSize = haTransferBatchSize;
    }

    public int getHaSlaveFallbehindMax() {
        return haSlaveFallbehindMax;
    }

    public void setHaSlaveFallbehindMax(int haSlaveFallbehindMax) {
        this.haSlaveFallbehindMax = haSlaveFallbehindMax;
    }

    public int getSlaveTimeout() {
        return slaveTimeout;
    }

    public void setSlaveTimeout(int slaveTimeout) {
        this.slaveTimeout = slaveTimeout;
    }

    /** The system property {@code name} as a number, else {@code otherwise}; a value that is no number is refused. */
    private static double systemRatio(String name, double otherwise) {
        String value = System.getProperty(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + "=" + value + " is not a number", e);
        }
    }
}
