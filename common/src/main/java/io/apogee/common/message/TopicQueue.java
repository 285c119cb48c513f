package io.apogee.common.message;

/**
 * One queue of a topic on this broker, {@code (topic, queueId)}: the key of per-queue tables (next queue offsets,
 * held pulls). {@link MessageQueue} adds the broker name for what clients see.
 */
public record TopicQueue(String topic, int queueId) {
}
