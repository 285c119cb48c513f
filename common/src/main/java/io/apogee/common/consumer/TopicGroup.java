package io.apogee.common.consumer;

import java.util.Objects;

/**
 * A consumer group on one topic: the key of committed offsets and consume statistics. RocketMQ writes it
 * {@code topic@group} (in {@code consumerOffset.json}, GET_ALL_CONSUMER_OFFSET and stats keys); neither name may hold
 * {@code @}, so the first one splits it.
 */
public record TopicGroup(String topic, String group) {

    /** RocketMQ's separator of topic and group. */
    public static final char SEPARATOR = '@';

    public TopicGroup {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(group, "group");
    }

    /**
     * Reads {@code topic@group}.
     *
     * @throws IllegalArgumentException when the key has no {@code @}
     */
    public static TopicGroup parse(String key) {
        int at = key.indexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("'" + key + "' is not of the form topic@group");
        }
        return new TopicGroup(key.substring(0, at), key.substring(at + 1));
    }

    /** {@code topic@group}. */
    @Override
    public String toString() {
        return topic + SEPARATOR + group;
    }
}
