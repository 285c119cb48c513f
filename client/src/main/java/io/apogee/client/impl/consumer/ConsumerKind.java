package io.apogee.client.impl.consumer;

import io.apogee.common.consumer.ConsumeType;
import java.util.function.LongFunction;

/**
 * The two consumers that share one {@link ConsumerPuller}. They pull alike, but each keeps RocketMQ's own timings,
 * heartbeat consume type and pull flags.
 */
public enum ConsumerKind {

    /**
     * {@code DefaultMQPushConsumer}: one pull thread; a clustering consumer reports its consumed offset in each pull
     * (commit-offset flag) and sends its subscription's version.
     */
    PUSH(ConsumeType.CONSUME_PASSIVELY, PullTiming::push, "ApogeePullMessage_"),

    /** {@code DefaultLitePullConsumer}: pullThreadNums threads, offsets committed apart from pulls, version 0. */
    LITE_PULL(ConsumeType.CONSUME_ACTIVELY, PullTiming::litePull, "ApogeeLitePull_");

    private final ConsumeType consumeType;
    private final LongFunction<PullTiming> timing;
    private final String threadPrefix;

    ConsumerKind(ConsumeType consumeType, LongFunction<PullTiming> timing, String threadPrefix) {
        this.consumeType = consumeType;
        this.timing = timing;
        this.threadPrefix = threadPrefix;
    }

    /** What the heartbeat announces. */
    public ConsumeType consumeType() {
        return consumeType;
    }

    /** This kind's timings, backing off {@code delayAfterException} ms after a failed pull. */
    public PullTiming timing(long delayAfterException) {
        return timing.apply(delayAfterException);
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
