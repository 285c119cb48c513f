package io.apogee.client.impl.consumer;

import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import java.util.List;

/**
 * One owned queue as a {@link ConsumerPuller} sees it: where its next pull reads, whether to pull now, and what to
 * do with what a pull brings back. Each consumer kind fills in the decisions; the puller runs the pulls, one in
 * flight per request, and calls these from its pull threads or the remoting callback thread, never concurrently for
 * one request.
 */
public abstract class PullRequest {

    /** Why a queue is not pulled right now; the puller's {@link PullTiming} says how long to wait. */
    public enum Hold {
        /** Pull now. */
        NONE,
        /** The consumer or the queue is paused. */
        PAUSED,
        /** The queue's pulled, unconsumed messages are over a threshold. */
        LOCAL_FLOW_CONTROL,
        /** The queue cannot be consumed yet (an orderly consumer without its broker lock). */
        NOT_READY
    }

    private final MessageQueue messageQueue;
    private final ProcessQueue processQueue;
    private volatile long nextOffset;

    /** @param nextOffset where to start, or negative for the puller to find the start offset first */
    protected PullRequest(MessageQueue messageQueue, ProcessQueue processQueue, long nextOffset) {
        this.messageQueue = messageQueue;
        this.processQueue = processQueue;
        this.nextOffset = nextOffset;
    }

    public final MessageQueue messageQueue() {
        return messageQueue;
    }

    /** The pulled messages not yet consumed; once dropped, no further pull is made for this request. */
    public final ProcessQueue processQueue() {
        return processQueue;
    }

    public final long nextOffset() {
        return nextOffset;
    }

    public final void nextOffset(long nextOffset) {
        this.nextOffset = nextOffset;
    }

    /** Checked before each pull. */
    protected abstract Hold hold();

    /** Messages that passed the tag filter; {@link #nextOffset()} is already past them. */
    protected abstract void onMessages(List<MessageExt> messages);

    /** The pull found nothing to hand over up to {@code nextBeginOffset} (no new or no matching messages). */
    protected abstract void onNothingToConsume(long nextBeginOffset);

    /** The broker says the requested offset is out of range; {@code nextBeginOffset} is its correction. */
    protected abstract void onOffsetIllegal(long nextBeginOffset);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + messageQueue + ", next=" + nextOffset + "]";
    }
}
