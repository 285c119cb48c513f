package io.apogee.console.view;

import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.TopicConfig;
import java.util.Locale;
import java.util.Set;

/** The Topics page's filter: what kind of topic a name and config make. */
public enum TopicType {
    NORMAL, ORDERED, RETRY, DLQ, DELAY, TRANSACTION, SYSTEM;

    private static final Set<String> TRANSACTION_TOPICS = Set.of(SystemTopics.TRANS_HALF_TOPIC,
            SystemTopics.TRANS_OP_HALF_TOPIC, SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC);

    /** The type of {@code topic}; {@code config} may be {@code null} when no broker reported one. */
    public static TopicType of(String topic, TopicConfig config, Set<String> clusterAndBrokerNames) {
        if (topic.startsWith(SystemTopics.RETRY_GROUP_TOPIC_PREFIX)) {
            return RETRY;
        }
        if (topic.startsWith(SystemTopics.DLQ_GROUP_TOPIC_PREFIX)) {
            return DLQ;
        }
        if (topic.equals(SystemTopics.SCHEDULE_TOPIC)) {
            return DELAY;
        }
        if (TRANSACTION_TOPICS.contains(topic)) {
            return TRANSACTION;
        }
        if (SystemTopics.isSystemTopic(topic) || clusterAndBrokerNames.contains(topic)
                || topic.endsWith(SystemTopics.REPLY_TOPIC_SUFFIX)) {
            return SYSTEM;
        }
        return config != null && config.isOrder() ? ORDERED : NORMAL;
    }

    /** The name the API and the filter use, e.g. {@code "dlq"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
