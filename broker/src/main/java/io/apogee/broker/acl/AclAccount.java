package io.apogee.broker.acl;

import io.apogee.common.topic.SystemTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One account ready for checks: permissions by resource, where a group is keyed by its retry topic
 * ({@code %RETRY%group}) as RocketMQ 4.9 keys it, so a request's resources look up in one map.
 */
record AclAccount(String accessKey, String secretKey, AddressPattern whiteRemoteAddress, boolean admin,
        byte defaultTopicPerm, byte defaultGroupPerm, Map<String, Byte> resourcePerms) {

    static AclAccount of(AclAccountConfig c) {
        Map<String, Byte> perms = new HashMap<>();
        put(perms, c.topicPerms(), false);
        put(perms, c.groupPerms(), true);
        return new AclAccount(c.accessKey(), c.secretKey(), AddressPattern.parse(c.whiteRemoteAddress()), c.admin(),
                Permission.parse(c.defaultTopicPerm()), Permission.parse(c.defaultGroupPerm()), Map.copyOf(perms));
    }

    private static void put(Map<String, Byte> perms, List<String> entries, boolean groups) {
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String name = entry.substring(0, eq).trim();
            perms.put(groups ? SystemTopics.retryTopic(name) : name, Permission.parse(entry.substring(eq + 1)));
        }
    }

    /** What this account holds on {@code resource}: its own entry, else the topic or group default. */
    byte permOn(String resource) {
        Byte own = resourcePerms.get(resource);
        if (own != null) {
            return own;
        }
        return SystemTopics.isRetryTopic(resource) ? defaultGroupPerm : defaultTopicPerm;
    }

    @Override
    public String toString() {
        return "AclAccount[" + accessKey + (admin ? ", admin" : "") + "]";
    }
}
