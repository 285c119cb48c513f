package io.apogee.client.impl.consumer;

import io.apogee.common.message.MessageQueue;

/** The next pull of one queue a push consumer owns: where to read from and where the messages go. */
public final class PullRequest {

    private final String consumerGroup;
    private final MessageQueue messageQueue;
    private final ProcessQueue processQueue;
    private volatile long nextOffset;

    public PullRequest(String consumerGroup, MessageQueue messageQueue, ProcessQueue processQueue, long nextOffset) {
        this.consumerGroup = consumerGroup;
        this.messageQueue = messageQueue;
        this.processQueue = processQueue;
        this.nextOffset = nextOffset;
    }

    public String consumerGroup() {
        return consumerGroup;
    }

    public MessageQueue messageQueue() {
        return messageQueue;
    }

    public ProcessQueue processQueue() {
        return processQueue;
    }

    public long nextOffset() {
        return nextOffset;
    }

    public void nextOffset(long nextOffset) {
        this.nextOffset = nextOffset;
    }

    @Override
    public String toString() {
        return "PullRequest[" + consumerGroup + ", " + messageQueue + ", next=" + nextOffset + "]";
    }
}
