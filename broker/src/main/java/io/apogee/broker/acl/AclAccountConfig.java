package io.apogee.broker.acl;

import java.util.List;

/**
 * One entry of plain_acl.yml's {@code accounts}, as written: {@code topicPerms} and {@code groupPerms} hold
 * {@code name=PERM} strings.
 *
 * @param whiteRemoteAddress addresses this account is trusted from without a signature (RocketMQ 4.9's meaning);
 *     {@code null} when absent
 * @param defaultTopicPerm permission on topics not listed; {@code null} when absent (denies)
 * @param defaultGroupPerm permission on groups not listed; {@code null} when absent (denies)
 */
public record AclAccountConfig(String accessKey, String secretKey, String whiteRemoteAddress, boolean admin,
        String defaultTopicPerm, String defaultGroupPerm, List<String> topicPerms, List<String> groupPerms) {

    public AclAccountConfig {
        topicPerms = topicPerms == null ? List.of() : List.copyOf(topicPerms);
        groupPerms = groupPerms == null ? List.of() : List.copyOf(groupPerms);
    }
}
