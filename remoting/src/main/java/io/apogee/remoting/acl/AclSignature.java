package io.apogee.remoting.acl;

import io.apogee.remoting.protocol.RemotingCommand;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RocketMQ 4.9's ACL 1.0 request signature, as its {@code AclClientRPCHook} computes it and its broker checks it:
 * the values (not the keys) of the request's extFields in key order ({@link String#compareTo}), except
 * {@code Signature} itself and {@code _UNIQUE_KEY_QUERY}, concatenated and UTF-8 encoded, followed by the body; then
 * HmacSHA1 of those bytes under the secret key, Base64-encoded. The extFields include {@code AccessKey} (and
 * {@code SecurityToken} when one is used), so the access key is signed too.
 */
public final class AclSignature {

    /** extFields key of the access key. */
    public static final String ACCESS_KEY = "AccessKey";
    /** extFields key of the signature. */
    public static final String SIGNATURE = "Signature";
    /** extFields key of the optional security token. */
    public static final String SECURITY_TOKEN = "SecurityToken";
    /** extFields key QUERY_MESSAGE adds outside its header; not signed. */
    private static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";
    private static final String ALGORITHM = "HmacSHA1";

    private AclSignature() {
    }

    /** The signed bytes of {@code request}: its sorted extFields' values (see the class comment), then its body. */
    public static byte[] content(RemotingCommand request) {
        StringBuilder values = new StringBuilder();
        Map<String, String> ext = request.extFields();
        if (ext != null) {
            for (Map.Entry<String, String> e : new TreeMap<>(ext).entrySet()) {
                if (!SIGNATURE.equals(e.getKey()) && !UNIQUE_KEY_QUERY.equals(e.getKey()) && e.getValue() != null) {
                    values.append(e.getValue());
                }
            }
        }
        byte[] head = values.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Base64 of HmacSHA1 over {@code content} keyed by {@code secretKey} (UTF-8). */
    public static String sign(byte[] content, String secretKey) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot compute an " + ALGORITHM + " signature: " + e.getMessage(), e);
        }
    }

    /**
     * Signs {@code request} in place: sets {@code AccessKey} (and {@code SecurityToken} when not null), then
     * {@code Signature} over the content including them.
     */
    public static void signRequest(RemotingCommand request, String accessKey, String secretKey, String securityToken) {
        request.addExtField(ACCESS_KEY, accessKey);
        if (securityToken != null) {
            request.addExtField(SECURITY_TOKEN, securityToken);
        }
        request.addExtField(SIGNATURE, sign(content(request), secretKey));
    }
}
