package io.apogee.common.consumer;

/** How a consumer group shares a topic's messages. */
public enum MessageModel {
    /** Every consumer of the group receives every message; offsets are kept by each client. */
    BROADCASTING,
    /** The group's consumers split the queues between them; offsets are kept by the broker. */
    CLUSTERING;

    /** RocketMQ's {@code getModeCN}: the mode's name, {@code BROADCASTING} or {@code CLUSTERING}. */
    public String getModeCN() {
        return name();
    }
}
