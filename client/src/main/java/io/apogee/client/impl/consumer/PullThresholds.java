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

    /** Only a message-count limit. */
    public static PullThresholds messages(int maxMessages) {
        return new PullThresholds(maxMessages, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Whether {@code pq} is over any threshold. */
    public boolean exceededBy(ProcessQueue pq) {
        return pq.messageCount() > maxMessages || pq.cachedBytes() > maxBytes || pq.maxSpan() > maxSpan;
    }
}
