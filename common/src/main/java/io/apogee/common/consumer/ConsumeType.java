package io.apogee.common.consumer;

/** How a consumer group fetches messages, as announced in its heartbeat. */
public enum ConsumeType {
    /** Pull and lite-pull consumers. */
    CONSUME_ACTIVELY,
    /** Push consumers. */
    CONSUME_PASSIVELY
}
