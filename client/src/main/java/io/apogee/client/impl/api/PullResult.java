package io.apogee.client.impl.api;

import io.apogee.common.message.MessageExt;
import java.util.List;

/**
 * The outcome of one pull. The {@code get...} accessors carry RocketMQ 4.9's names
 * (RocketMQ 4.9 client's {@code consumer.PullResult}) for applications moved from it.
 *
 * @param messages             decoded messages (bodies inflated), empty unless {@link PullStatus#FOUND}
 * @param suggestWhichBrokerId broker id to pull this queue from next time
 */
public record PullResult(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset,
        long suggestWhichBrokerId, List<MessageExt> messages) {

    /** The same answer with {@code kept} as its messages (what client-side filtering kept). */
    public PullResult withMessages(List<MessageExt> kept) {
        return new PullResult(status, nextBeginOffset, minOffset, maxOffset, suggestWhichBrokerId, kept);
    }

    /** RocketMQ's name of {@link #status()}. */
    public PullStatus getPullStatus() {
        return status;
    }

    /** RocketMQ's name of {@link #nextBeginOffset()}: where the next pull of the queue starts. */
    public long getNextBeginOffset() {
        return nextBeginOffset;
    }

    public long getMinOffset() {
        return minOffset;
    }

    public long getMaxOffset() {
        return maxOffset;
    }

    /** RocketMQ's name of {@link #messages()}; RocketMQ answers {@code null} rather than an empty list. */
    public List<MessageExt> getMsgFoundList() {
        return messages.isEmpty() ? null : messages;
    }
}
