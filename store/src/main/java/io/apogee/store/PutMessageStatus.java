package io.apogee.store;

/** Outcome of an append; errors on the hot path are statuses, not exceptions. */
public enum PutMessageStatus {
    PUT_OK,
    /** Appended, but the sync flush did not finish within {@code syncFlushTimeout}. */
    FLUSH_DISK_TIMEOUT,
    /** Appended (and flushed as asked) on a SYNC_MASTER, but no slave confirmed it within {@code slaveTimeout}. */
    FLUSH_SLAVE_TIMEOUT,
    /**
     * Appended on a SYNC_MASTER that has no slave connected, or whose best slave is more than
     * {@code haSlaveFallbehindMax} bytes behind: answered at once, without waiting.
     */
    SLAVE_NOT_AVAILABLE,
    /** The store is shutting down, not started, or a slave (a slave refuses appends, as in RocketMQ). */
    SERVICE_NOT_AVAILABLE,
    CREATE_MAPPED_FILE_FAILED,
    /** Topic too long, body too large, or a batch larger than a commit-log file. */
    MESSAGE_ILLEGAL,
    PROPERTIES_SIZE_EXCEEDED,
    OS_PAGECACHE_BUSY,
    /** Disk use passed {@code diskSpaceWarningLevelRatio}: appends are refused until retention frees space. */
    DISK_FULL,
    UNKNOWN_ERROR;

    /** Whether the message is in the store (possibly with a weaker durability than asked). */
    public boolean isStored() {
        return this == PUT_OK || this == FLUSH_DISK_TIMEOUT || this == FLUSH_SLAVE_TIMEOUT
                || this == SLAVE_NOT_AVAILABLE;
    }
}
