package io.apogee.common.topic;

import java.util.Set;

/** Consumer and producer groups RocketMQ reserves for its own tools and services (its {@code SYSTEM_GROUP_SET}). */
public final class SystemGroups {

    /** Groups whose name starts with this are system groups. */
    public static final String SYSTEM_GROUP_PREFIX = "CID_RMQ_SYS_";
    private static final Set<String> RESERVED = Set.of("DEFAULT_PRODUCER", "DEFAULT_CONSUMER", "TOOLS_CONSUMER",
            "FILTERSRV_CONSUMER", "__MONITOR_CONSUMER", "CLIENT_INNER_PRODUCER", "SELF_TEST_P_GROUP",
            "SELF_TEST_C_GROUP", "CID_ONS-HTTP-PROXY", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER",
            "CID_ONSAPI_PULL");

    private SystemGroups() {
    }

    /** Whether {@code group} is reserved for RocketMQ's tools and services rather than an application's. */
    public static boolean isSystemGroup(String group) {
        return group.startsWith(SYSTEM_GROUP_PREFIX) || RESERVED.contains(group);
    }
}
