package io.apogee.client.impl.consumer;

/**
 * How long a consumer's pulls wait, per consumer kind: the long-poll the broker may hold, the RPC timeout of such a
 * pull, and the back-off before the next pull of a queue after each reason not to pull at once. The values are
 * RocketMQ 4.9's ({@code DefaultMQPushConsumerImpl}, {@code DefaultLitePullConsumer} and its impl).
 *
 * @param brokerSuspendMillis         how long the broker may hold a pull that finds nothing
 * @param pullTimeoutMillis           RPC timeout of a held pull (longer than the hold)
 * @param delayAfterException         after a failed pull, an unknown broker or a queue not ready (orderly lock)
 * @param delayAfterLocalFlowControl  after the consumer's own cache of the queue was full
 * @param delayAfterBrokerFlowControl after the broker answered FLOW_CONTROL
 * @param delayWhenPaused             while the consumer (push: suspend) or the queue (lite pull: pause) is paused
 */
public record PullTiming(long brokerSuspendMillis, long pullTimeoutMillis, long delayAfterException,
        long delayAfterLocalFlowControl, long delayAfterBrokerFlowControl, long delayWhenPaused) {

    /** Push: {@code BROKER_SUSPEND_MAX_TIME_MILLIS}. */
    public static final long PUSH_BROKER_SUSPEND_MAX_TIME_MILLIS = 15_000;
    /** Push: {@code CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND}. */
    public static final long PUSH_CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND = 30_000;
    /** Push: {@code PULL_TIME_DELAY_MILLS_WHEN_FLOW_CONTROL}. */
    public static final long PUSH_DELAY_MILLIS_WHEN_FLOW_CONTROL = 50;
    /** Push: {@code PULL_TIME_DELAY_MILLS_WHEN_BROKER_FLOW_CONTROL}. */
    public static final long PUSH_DELAY_MILLIS_WHEN_BROKER_FLOW_CONTROL = 20;
    /** Push: {@code PULL_TIME_DELAY_MILLS_WHEN_SUSPEND}. */
    public static final long PUSH_DELAY_MILLIS_WHEN_SUSPEND = 1_000;

    /** Lite pull: the default {@code brokerSuspendMaxTimeMillis}. */
    public static final long LITE_BROKER_SUSPEND_MAX_TIME_MILLIS = 20_000;
    /** Lite pull: the default {@code consumerTimeoutMillisWhenSuspend}. */
    public static final long LITE_CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND = 30_000;
    /** Lite pull: {@code PULL_TIME_DELAY_MILLS_WHEN_FLOW_CONTROL}. */
    public static final long LITE_DELAY_MILLIS_WHEN_FLOW_CONTROL = 50;
    /** Lite pull: {@code PULL_TIME_DELAY_MILLS_WHEN_PAUSE}. */
    public static final long LITE_DELAY_MILLIS_WHEN_PAUSE = 1_000;

    /**
     * A push consumer's pulls.
     *
     * @param delayAfterException the client's {@code pullTimeDelayMillsWhenException}
     */
    public static PullTiming push(long delayAfterException) {
        return new PullTiming(PUSH_BROKER_SUSPEND_MAX_TIME_MILLIS, PUSH_CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND,
                delayAfterException, PUSH_DELAY_MILLIS_WHEN_FLOW_CONTROL, PUSH_DELAY_MILLIS_WHEN_BROKER_FLOW_CONTROL,
                PUSH_DELAY_MILLIS_WHEN_SUSPEND);
    }

    /**
     * A lite-pull consumer's pulls, with RocketMQ's default hold and timeout; it treats a broker's FLOW_CONTROL like
     * any failure. Also the timing of {@code DefaultMQPullConsumer}'s rebalancing.
     *
     * @param delayAfterException the client's {@code pullTimeDelayMillsWhenException}
     */
    public static PullTiming litePull(long delayAfterException) {
        return litePull(delayAfterException, LITE_BROKER_SUSPEND_MAX_TIME_MILLIS,
                LITE_CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND);
    }

    /**
     * A lite-pull consumer's pulls with its {@code brokerSuspendMaxTimeMillis} and
     * {@code consumerTimeoutMillisWhenSuspend}.
     */
    public static PullTiming litePull(long delayAfterException, long brokerSuspendMillis,
            long timeoutMillisWhenSuspend) {
        return new PullTiming(brokerSuspendMillis, timeoutMillisWhenSuspend, delayAfterException,
                LITE_DELAY_MILLIS_WHEN_FLOW_CONTROL, delayAfterException, LITE_DELAY_MILLIS_WHEN_PAUSE);
    }

    /** The back-off before pulling a queue held for {@code hold} (0: pull now). */
    public long delayFor(PullRequest.Hold hold) {
        return switch (hold) {
            case PAUSED -> delayWhenPaused;
            case LOCAL_FLOW_CONTROL -> delayAfterLocalFlowControl;
            case NOT_READY -> delayAfterException;
            case NONE -> 0;
        };
    }
}
