package io.apogee.client.admin;

import io.apogee.common.message.MessageQueue;

/**
 * One queue of a topic as its broker holds it.
 *
 * @param queue the queue
 * @param minOffset the oldest offset still stored
 * @param maxOffset the offset the next message will get
 * @param lastUpdateTimestamp store time of the queue's last message, 0 when it has none
 */
public record QueueStatus(MessageQueue queue, long minOffset, long maxOffset, long lastUpdateTimestamp) {
}
