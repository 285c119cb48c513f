package io.apogee.common.topic;

/** Bits of a topic's {@code topicSysFlag} (RocketMQ's {@code TopicSysFlag}): unit ("cell") deployment markers. */
public final class TopicSysFlag {

    /** The topic belongs to a unit. */
    public static final int UNIT = 1;
    /** The topic has subscribers in a unit. */
    public static final int UNIT_SUB = 1 << 1;

    private TopicSysFlag() {
    }

    public static boolean hasUnitFlag(int sysFlag) {
        return (sysFlag & UNIT) == UNIT;
    }

    public static boolean hasUnitSubFlag(int sysFlag) {
        return (sysFlag & UNIT_SUB) == UNIT_SUB;
    }
}
