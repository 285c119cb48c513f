package io.apogee.client.producer;

/** How a stored message was stored; all four mean the broker has it. */
public enum SendStatus {
    SEND_OK,
    /** Stored, but the SYNC_FLUSH broker did not flush in time. */
    FLUSH_DISK_TIMEOUT,
    /** Stored, but the SYNC_MASTER broker's slave did not confirm in time. */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored, but the SYNC_MASTER broker has no slave to replicate to. */
    SLAVE_NOT_AVAILABLE
}
