package io.apogee.broker.processor;

import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.topic.Permission;
import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.TopicConfig;

/**
 * The one dead-letter decision, shared by the send path (a client-side retry sent to {@code %RETRY%<group>}) and
 * the send-back path: a message consumed as many times as allowed goes to {@code %DLQ%<group>} instead.
 */
final class DeadLetters {

    /** Queues of a dead-letter topic (RocketMQ's {@code DLQ_NUMS_PER_GROUP}). */
    private static final int QUEUES = 1;

    private DeadLetters() {
    }

    /**
     * Whether a message already reconsumed {@code reconsumeTimes} times has no retry left.
     *
     * @param clientMax the client's max reconsume times, or {@code null} when it sent none (the group's then apply)
     */
    static boolean exhausted(int reconsumeTimes, Integer clientMax, SubscriptionGroupConfig group) {
        int max = clientMax != null ? clientMax : group.getRetryMaxTimes();
        return reconsumeTimes >= max;
    }

    /** The group's dead-letter topic, created (one queue, read-write) on first use. */
    static TopicConfig topic(TopicConfigManager topics, String group) {
        return topics.createInternal(SystemTopics.dlqTopic(group), QUEUES, Permission.READ_WRITE);
    }
}
