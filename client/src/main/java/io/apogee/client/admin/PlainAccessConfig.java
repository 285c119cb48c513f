package io.apogee.client.admin;

import java.util.List;

/**
 * One account of a broker's {@code plain_acl.yml}, RocketMQ's class of that name, as
 * {@link DefaultMQAdminExt#createAndUpdatePlainAccessConfig} sends it (UPDATE_AND_CREATE_ACL_CONFIG). A field left
 * {@code null} (or an empty list) is left as the broker has it.
 */
public class PlainAccessConfig {

    private String accessKey;
    private String secretKey;
    private String whiteRemoteAddress;
    private boolean admin;
    private String defaultTopicPerm;
    private String defaultGroupPerm;
    /** {@code topic=PERM} entries, PERM one of DENY, PUB, SUB, PUB|SUB. */
    private List<String> topicPerms;
    /** {@code group=PERM} entries. */
    private List<String> groupPerms;

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getWhiteRemoteAddress() {
        return whiteRemoteAddress;
    }

    public void setWhiteRemoteAddress(String whiteRemoteAddress) {
        this.whiteRemoteAddress = whiteRemoteAddress;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public String getDefaultTopicPerm() {
        return defaultTopicPerm;
    }

    public void setDefaultTopicPerm(String defaultTopicPerm) {
        this.defaultTopicPerm = defaultTopicPerm;
    }

    public String getDefaultGroupPerm() {
        return defaultGroupPerm;
    }

    public void setDefaultGroupPerm(String defaultGroupPerm) {
        this.defaultGroupPerm = defaultGroupPerm;
    }

    public List<String> getTopicPerms() {
        return topicPerms;
    }

    public void setTopicPerms(List<String> topicPerms) {
        this.topicPerms = topicPerms;
    }

    public List<String> getGroupPerms() {
        return groupPerms;
    }

    public void setGroupPerms(List<String> groupPerms) {
        this.groupPerms = groupPerms;
    }

    @Override
    public String toString() {
        return "PlainAccessConfig{accessKey='" + accessKey + "', whiteRemoteAddress='" + whiteRemoteAddress
                + "', admin=" + admin + ", defaultTopicPerm='" + defaultTopicPerm + "', defaultGroupPerm='"
                + defaultGroupPerm + "', topicPerms=" + topicPerms + ", groupPerms=" + groupPerms + "}";
    }
}
