package io.apogee.common.topic;

import io.apogee.common.topic.Permission;

/**
 * A topic as a broker holds it (RocketMQ's {@code TopicConfig}).
 *
 * @param perm         {@link Permission} bits
 * @param topicSysFlag {@link io.apogee.common.topic.TopicSysFlag} bits
 * @param order        whether the topic is ordered
 */
public record TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm,
        TopicFilterType topicFilterType, int topicSysFlag, boolean order) {

    /** RocketMQ's default queue count per topic. */
    public static final int DEFAULT_QUEUE_NUMS = 16;

    /** A missing filter type (absent from the JSON) means {@code SINGLE_TAG}, as in RocketMQ. */
    public TopicConfig {
        if (topicFilterType == null) {
            topicFilterType = TopicFilterType.SINGLE_TAG;
        }
    }

    /** A topic with RocketMQ's defaults: 16 read and write queues, read-write, single tag, no flags, unordered. */
    public static TopicConfig withDefaults(String topicName) {
        return new TopicConfig(topicName, DEFAULT_QUEUE_NUMS, DEFAULT_QUEUE_NUMS, Permission.READ_WRITE,
                TopicFilterType.SINGLE_TAG, 0, false);
    }

    /** This topic with other queue counts. */
    public TopicConfig withQueueNums(int read, int write) {
        return new TopicConfig(topicName, read, write, perm, topicFilterType, topicSysFlag, order);
    }
}
