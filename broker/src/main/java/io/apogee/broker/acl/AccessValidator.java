package io.apogee.broker.acl;

import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.acl.AclSignature;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCodeNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides one request as RocketMQ 4.9's ACL 1.0 does, in its order: an address in
 * {@code globalWhiteRemoteAddresses} passes; otherwise the request must carry a known {@code AccessKey}; an address
 * in that account's {@code whiteRemoteAddress} passes; otherwise the signature must verify, an admin code needs an
 * admin account, and every topic and group the request touches needs the permission (its own entry, else the
 * account's default); an admin account without topic or group entries may touch any. Sends to the trace topic pass
 * once signed. Each refusal says which check failed and never
 * contains a secret.
 */
public final class AccessValidator {

    private final Supplier<AclRules> rules;

    AccessValidator(Supplier<AclRules> rules) {
        this.rules = rules;
    }

    /**
     * The refusal of {@code request} from {@code remoteAddr} ({@code host:port}), or {@code null} when it is allowed.
     */
    public String refusal(String remoteAddr, RemotingCommand request) {
        AclRules current = rules.get();
        String ip = host(remoteAddr);
        if (current.globallyWhiteListed(ip)) {
            return null;
        }
        Map<String, String> ext = request.extFields();
        String accessKey = ext == null ? null : ext.get(AclSignature.ACCESS_KEY);
        if (accessKey == null) {
            return "ACL: the request is not signed (no AccessKey) and " + ip
                    + " is not in globalWhiteRemoteAddresses";
        }
        AclAccount account = current.accounts().get(accessKey);
        if (account == null) {
            return "ACL: unknown accessKey " + accessKey + " (no such account in plain_acl.yml)";
        }
        if (account.whiteRemoteAddress().matches(ip)) {
            return null;
        }
        if (!signatureMatches(request, ext.get(AclSignature.SIGNATURE), account.secretKey())) {
            return "ACL: bad signature for accessKey " + accessKey
                    + " (signed with another secretKey, or the request was changed)";
        }
        if (RequestResources.needsAdmin(request.code()) && !account.admin()) {
            return "ACL: " + RequestCodeNames.of(request.code()) + " (" + request.code()
                    + ") needs an admin account, and accessKey " + accessKey + " is not admin";
        }
        if (account.admin() && account.resourcePerms().isEmpty()) {
            return null;
        }
        Map<String, Byte> needs;
        try {
            needs = RequestResources.of(request);
        } catch (IllegalArgumentException e) {
            return "ACL: cannot tell what the request touches: " + e.getMessage();
        }
        Byte trace = needs.get(SystemTopics.TRACE_TOPIC);
        if (trace != null && (trace & Permission.PUB) != 0) {
            return null;
        }
        for (Map.Entry<String, Byte> need : needs.entrySet()) {
            if (!Permission.allows(need.getValue(), account.permOn(need.getKey()))) {
                String resource = need.getKey();
                String what = SystemTopics.isRetryTopic(resource)
                        ? "group " + resource.substring(SystemTopics.RETRY_GROUP_TOPIC_PREFIX.length())
                        : "topic " + resource;
                return "ACL: accessKey " + accessKey + " has no " + Permission.describe(need.getValue())
                        + " permission on " + what;
            }
        }
        return null;
    }

    private static boolean signatureMatches(RemotingCommand request, String signature, String secretKey) {
        if (signature == null) {
            return false;
        }
        String expected = AclSignature.sign(AclSignature.content(request), secretKey);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** The host of {@code host:port} (RocketMQ cuts at the last colon). */
    private static String host(String remoteAddr) {
        if (remoteAddr == null) {
            return "";
        }
        int colon = remoteAddr.lastIndexOf(':');
        return colon < 0 ? remoteAddr : remoteAddr.substring(0, colon);
    }
}
