package io.apogee.broker.acl;

import io.apogee.remoting.protocol.header.CreateAccessConfigRequestHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACL admin requests' changes to plain_acl.yml, as RocketMQ 4.9 makes them: an account update keeps the fields
 * the request leaves out (and its secret when none is given), a delete removes one account, the global white list is
 * replaced whole. Each change is checked like the file, written, and in force at once.
 */
public final class AclAdministration {

    private final PlainAclFile file;

    public AclAdministration(PlainAclFile file) {
        this.file = file;
    }

    /**
     * Creates or updates the account the header names.
     *
     * @throws IllegalArgumentException naming the bad field
     * @throws IOException when the file cannot be written
     */
    public void updateAccount(CreateAccessConfigRequestHeader h) throws IOException {
        file.update(config -> {
            AclAccountConfig old = h.getAccessKey() == null ? null : config.account(h.getAccessKey());
            Map<String, Object> m = new HashMap<>();
            m.put("accessKey", h.getAccessKey());
            m.put("secretKey", pick(h.getSecretKey(), old == null ? null : old.secretKey()));
            m.put("whiteRemoteAddress", pick(h.getWhiteRemoteAddress(), old == null ? null : old.whiteRemoteAddress()));
            m.put("admin", h.isAdmin());
            m.put("defaultTopicPerm", pick(h.getDefaultTopicPerm(), old == null ? null : old.defaultTopicPerm()));
            m.put("defaultGroupPerm", pick(h.getDefaultGroupPerm(), old == null ? null : old.defaultGroupPerm()));
            m.put("topicPerms", h.getTopicPerms() != null ? split(h.getTopicPerms())
                    : old == null ? List.of() : old.topicPerms());
            m.put("groupPerms", h.getGroupPerms() != null ? split(h.getGroupPerms())
                    : old == null ? List.of() : old.groupPerms());
            return config.withAccount(PlainAclYaml.account(m, "account"));
        });
    }

    /**
     * Removes the account of {@code accessKey}.
     *
     * @throws IllegalArgumentException when there is no such account
     * @throws IOException when the file cannot be written
     */
    public void deleteAccount(String accessKey) throws IOException {
        file.update(config -> {
            if (config.account(accessKey) == null) {
                throw new IllegalArgumentException("accessKey " + accessKey + " is not in " + file.path());
            }
            return config.withoutAccount(accessKey);
        });
    }

    /**
     * Replaces globalWhiteRemoteAddresses with the {@code ,}-separated {@code addresses}.
     *
     * @param aclFile the file the request names, or null/empty for the broker's
     * @throws IllegalArgumentException when an address is malformed or {@code aclFile} is another file
     * @throws IOException when the file cannot be written
     */
    public void updateGlobalWhiteAddresses(String addresses, String aclFile) throws IOException {
        if (aclFile != null && !aclFile.isBlank()
                && !Path.of(aclFile).toAbsolutePath().equals(file.path().toAbsolutePath())) {
            throw new IllegalArgumentException("this broker keeps its ACL in " + file.path() + " only, not " + aclFile);
        }
        List<String> list = split(addresses);
        for (String a : list) {
            AddressPattern.parse(a);
        }
        file.update(config -> config.withGlobalWhiteRemoteAddresses(list));
    }

    /** The data version as RocketMQ's {@code DataVersion} JSON. */
    public String versionJson() {
        PlainAclConfig c = file.config();
        return "{\"counter\":" + c.counter() + ",\"stateVersion\":0,\"timestamp\":" + c.timestamp() + "}";
    }

    /** The version of each ACL file by path, as RocketMQ 4.9.8's {@code allAclFileVersion} JSON object. */
    public String allFileVersionsJson() {
        String path = file.path().toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"" + path + "\":" + versionJson() + "}";
    }

    private static String pick(String given, String old) {
        return given != null ? given : old;
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
