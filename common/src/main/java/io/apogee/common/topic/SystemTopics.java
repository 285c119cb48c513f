package io.apogee.common.topic;

import java.util.Set;

/** Topic names and prefixes with a fixed meaning in RocketMQ (message-format.md §7). */
public final class SystemTopics {

    /** Template of auto-created topics. */
    public static final String AUTO_CREATE_TOPIC_KEY = "TBW102";
    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    public static final String SELF_TEST_TOPIC = "SELF_TEST_TOPIC";
    public static final String BENCHMARK_TOPIC = "BenchmarkTest";
    public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
    public static final String TRANS_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    public static final String TRANS_OP_HALF_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public static final String TRANS_CHECK_MAX_TIME_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
    public static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    public static final String SYSTEM_TOPIC_PREFIX = "rmq_sys_";
    public static final String RETRY_GROUP_TOPIC_PREFIX = "%RETRY%";
    public static final String DLQ_GROUP_TOPIC_PREFIX = "%DLQ%";
    public static final String REPLY_TOPIC_SUFFIX = "_REPLY_TOPIC";

    private static final Set<String> SYSTEM = Set.of(AUTO_CREATE_TOPIC_KEY, SCHEDULE_TOPIC, SELF_TEST_TOPIC,
            BENCHMARK_TOPIC, OFFSET_MOVED_EVENT, TRANS_HALF_TOPIC, TRANS_OP_HALF_TOPIC, TRANS_CHECK_MAX_TIME_TOPIC,
            TRACE_TOPIC);
    private static final Set<String> NOT_WRITABLE = Set.of(SCHEDULE_TOPIC, TRANS_HALF_TOPIC, TRANS_OP_HALF_TOPIC,
            TRANS_CHECK_MAX_TIME_TOPIC, SELF_TEST_TOPIC, OFFSET_MOVED_EVENT);

    private SystemTopics() {
    }

    /** Whether {@code topic} is a system topic that admin requests may not create or delete. */
    public static boolean isSystemTopic(String topic) {
        return SYSTEM.contains(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX);
    }

    /** Whether producers may not send to {@code topic}. */
    public static boolean isNotAllowedToSend(String topic) {
        return NOT_WRITABLE.contains(topic);
    }

    public static String retryTopic(String group) {
        return RETRY_GROUP_TOPIC_PREFIX + group;
    }

    public static String dlqTopic(String group) {
        return DLQ_GROUP_TOPIC_PREFIX + group;
    }

    public static boolean isRetryTopic(String topic) {
        return topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
    }
}
