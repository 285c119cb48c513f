package io.apogee.client.impl.consumer;

/**
 * Local flow control of one queue: pulling pauses while its pulled, unconsumed messages are too many, too large or
 * spread over too wide an offset range (a slow message holding back the commit offset).
 *
 * @param maxMessages the queue's {@code pullThresholdForQueue}
 * @param maxBytes    the queue's {@code pullThresholdSizeForQueue}, in bytes
 * @param maxSpan     {@code consumeConcurrentlyMaxSpan}; {@link Long#MAX_VALUE} where it does not apply
 */
public record PullThresholds(int maxMessages, long maxBytes, long maxSpan) {

    /** Size thresholds are configured in MiB, as RocketMQ's. */
    private static final long BYTES_PER_MIB = 1024L * 1024L;

    /** Limits on message count, bytes (given in MiB) and offset span; {@code Long.MAX_VALUE} for no span limit. */
    public static PullThresholds of(int maxMessages, int maxMiB, long maxSpan) {
        return new PullThresholds(maxMessages, maxMiB * BYTES_PER_MIB, maxSpan);
    }

    /** Whether {@code pq} is over any threshold. */
    public boolean exceededBy(ProcessQueue pq) {
        return pq.messageCount() > maxMessages || pq.cachedBytes() > maxBytes || pq.maxSpan() > maxSpan;
    }
}
