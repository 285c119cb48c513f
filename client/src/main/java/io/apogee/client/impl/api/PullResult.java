package io.apogee.client.impl.api;

import io.apogee.common.message.MessageExt;
import java.util.List;

/**
 * The outcome of one pull, RocketMQ 4.9's {@code consumer.PullResult}: its constructor and {@code get...} names,
 * and {@link #setMsgFoundList} (an app's own filtering may replace the messages), next to the short accessors our
 * code uses.
 */
public class PullResult {

    private final PullStatus status;
    private final long nextBeginOffset;
    private final long minOffset;
    private final long maxOffset;
    private final long suggestWhichBrokerId;
    private volatile List<MessageExt> messages;

    /**
     * @param messages             decoded messages (bodies inflated), empty unless {@link PullStatus#FOUND}
     * @param suggestWhichBrokerId broker id to pull this queue from next time
     */
    public PullResult(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset,
            long suggestWhichBrokerId, List<MessageExt> messages) {
        this.status = status;
        this.nextBeginOffset = nextBeginOffset;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.suggestWhichBrokerId = suggestWhichBrokerId;
        this.messages = messages == null ? List.of() : messages;
    }

    /** RocketMQ's constructor: pull from the master next time. */
    public PullResult(PullStatus pullStatus, long nextBeginOffset, long minOffset, long maxOffset,
            List<MessageExt> msgFoundList) {
        this(pullStatus, nextBeginOffset, minOffset, maxOffset, 0, msgFoundList);
    }

    /** The same answer with {@code kept} as its messages (what client-side filtering kept). */
    public PullResult withMessages(List<MessageExt> kept) {
        return new PullResult(status, nextBeginOffset, minOffset, maxOffset, suggestWhichBrokerId, kept);
    }

    public PullStatus status() {
        return status;
    }

    /** Where the next pull of the queue starts. */
    public long nextBeginOffset() {
        return nextBeginOffset;
    }

    public long minOffset() {
        return minOffset;
    }

    public long maxOffset() {
        return maxOffset;
    }

    /** Broker id to pull this queue from next time. */
    public long suggestWhichBrokerId() {
        return suggestWhichBrokerId;
    }

    /** The messages, empty when none. */
    public List<MessageExt> messages() {
        return messages;
    }

    /** RocketMQ's name of {@link #status()}. */
    public PullStatus getPullStatus() {
        return status;
    }

    /** RocketMQ's name of {@link #nextBeginOffset()}. */
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
        List<MessageExt> found = messages;
        return found.isEmpty() ? null : found;
    }

    /** Replaces the messages ({@code null}: none), as RocketMQ's does. */
    public void setMsgFoundList(List<MessageExt> msgFoundList) {
        this.messages = msgFoundList == null ? List.of() : msgFoundList;
    }

    @Override
    public String toString() {
        return "PullResult [pullStatus=" + status + ", nextBeginOffset=" + nextBeginOffset + ", minOffset="
                + minOffset + ", maxOffset=" + maxOffset + ", msgFoundList=" + messages.size() + "]";
    }
}
