package io.apogee.store;

/** When an append counts as durable: RocketMQ's {@code flushDiskType} values. */
public enum FlushDiskType {
    /** Reply once the bytes are in the mapped file; a background service flushes on an interval. */
    ASYNC_FLUSH,
    /** Reply after a group-commit fsync covered the bytes, or {@code FLUSH_DISK_TIMEOUT}. */
    SYNC_FLUSH
}
