package io.apogee.client.impl.consumer;

import io.apogee.common.consumer.ConsumeType;

/**
 * The two consumers that share one {@link ConsumerPuller}. They pull alike, but each keeps RocketMQ's own heartbeat
 * consume type and pull flags (and its own {@link PullTiming}).
 */
public enum ConsumerKind {

    /**
     * {@code DefaultMQPushConsumer}: one pull thread; a clustering consumer reports its consumed offset in each pull
     * (commit-offset flag) and sends its subscription's version.
     */
    PUSH(ConsumeType.CONSUME_PASSIVELY, "ApogeePullMessage_"),

    /** {@code DefaultLitePullConsumer}: pullThreadNums threads, offsets committed apart from pulls, version 0. */
    LITE_PULL(ConsumeType.CONSUME_ACTIVELY, "ApogeeLitePull_");

    private final ConsumeType consumeType;
    private final String threadPrefix;

    ConsumerKind(ConsumeType consumeType, String threadPrefix) {
        this.consumeType = consumeType;
        this.threadPrefix = threadPrefix;
    }

    /** What the heartbeat announces. */
    public ConsumeType consumeType() {
        return consumeType;
    }

    /** Name prefix of the pull threads, followed by the group. */
    String threadPrefix() {
        return threadPrefix;
    }

    /** Whether a pull carries the consumer's in-memory offset for the broker to store (push, when clustering). */
    boolean commitsOffsetWithPull() {
        return this == PUSH;
    }

    /** Whether a pull carries the subscription's version; lite pull sends 0 for tag subscriptions. */
    boolean sendsSubscriptionVersion() {
        return this == PUSH;
    }
}
