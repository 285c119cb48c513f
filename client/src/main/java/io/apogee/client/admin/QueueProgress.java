package io.apogee.client.admin;

import io.apogee.common.message.MessageQueue;

/**
 * A consumer group's position in one queue.
 *
 * @param queue the queue
 * @param brokerOffset the queue's max offset (where the next message will be stored)
 * @param consumerOffset the group's committed offset, 0 when it has none
 * @param lastTimestamp store time of the last message the group consumed from the queue, 0 when none
 */
public record QueueProgress(MessageQueue queue, long brokerOffset, long consumerOffset, long lastTimestamp) {

    /** {@code brokerOffset - consumerOffset} as {@code consumerProgress} prints it (negative if the group is ahead). */
    public long diff() {
        return brokerOffset - consumerOffset;
    }

    /** Messages stored in the queue that the group has not consumed yet. */
    public long lag() {
        return Math.max(0, diff());
    }
}
