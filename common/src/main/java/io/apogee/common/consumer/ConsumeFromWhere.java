package io.apogee.common.consumer;

/** Where a consumer group with no stored offset for a queue starts. */
public enum ConsumeFromWhere {
    /** From the queue's end: only messages sent after the group first started. */
    CONSUME_FROM_LAST_OFFSET,
    /** Deprecated in RocketMQ; behaves like {@link #CONSUME_FROM_LAST_OFFSET}. */
    CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST,
    /** Deprecated in RocketMQ; behaves like {@link #CONSUME_FROM_LAST_OFFSET}. */
    CONSUME_FROM_MIN_OFFSET,
    /** Deprecated in RocketMQ; behaves like {@link #CONSUME_FROM_LAST_OFFSET}. */
    CONSUME_FROM_MAX_OFFSET,
    /** From the first message still stored. */
    CONSUME_FROM_FIRST_OFFSET,
    /** From the message stored closest to the consumer's {@code consumeTimestamp}. */
    CONSUME_FROM_TIMESTAMP
}
