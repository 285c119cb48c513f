package io.apogee.client.admin;

/**
 * One account of a broker's {@code plain_acl.yml} as {@code mqadmin updateAclConfig} writes it
 * (UPDATE_AND_CREATE_ACL_CONFIG). A {@code null} field is left as the broker has it.
 *
 * @param topicPerms {@code ,}-separated {@code topic=PERM} entries
 * @param groupPerms {@code ,}-separated {@code group=PERM} entries
 */
public record AclAccount(String accessKey, String secretKey, String whiteRemoteAddress, boolean admin,
        String defaultTopicPerm, String defaultGroupPerm, String topicPerms, String groupPerms) {
}
