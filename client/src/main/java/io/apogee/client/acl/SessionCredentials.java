package io.apogee.client.acl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;

/**
 * The access key and secret key (and optional security token) a client signs its requests with, as RocketMQ's
 * {@code SessionCredentials}: same constants, constructors and properties, so moving from RocketMQ is an import.
 */
public class SessionCredentials {

    public static final Charset CHARSET = StandardCharsets.UTF_8;
    public static final String ACCESS_KEY = "AccessKey";
    public static final String SECRET_KEY = "SecretKey";
    public static final String SIGNATURE = "Signature";
    public static final String SECURITY_TOKEN = "SecurityToken";

    private String accessKey;
    private String secretKey;
    private String securityToken;
    private String signature;

    public SessionCredentials() {
    }

    public SessionCredentials(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public SessionCredentials(String accessKey, String secretKey, String securityToken) {
        this(accessKey, secretKey);
        this.securityToken = securityToken;
    }

    /** Takes {@code AccessKey}, {@code SecretKey} and {@code SecurityToken} from {@code properties} where present. */
    public void updateContent(Properties properties) {
        String ak = properties.getProperty(ACCESS_KEY);
        if (ak != null) {
            accessKey = ak.trim();
        }
        String sk = properties.getProperty(SECRET_KEY);
        if (sk != null) {
            secretKey = sk.trim();
        }
        String token = properties.getProperty(SECURITY_TOKEN);
        if (token != null) {
            securityToken = token.trim();
        }
    }

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

    public String getSignature() {
        return signature;
    }

    public void setSignature(String signature) {
        this.signature = signature;
    }

    public String getSecurityToken() {
        return securityToken;
    }

    public void setSecurityToken(String securityToken) {
        this.securityToken = securityToken;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionCredentials c && Objects.equals(accessKey, c.accessKey)
                && Objects.equals(secretKey, c.secretKey) && Objects.equals(securityToken, c.securityToken)
                && Objects.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKey, secretKey, securityToken, signature);
    }

    /** Names the access key only: the secret key is never printed. */
    @Override
    public String toString() {
        return "SessionCredentials [accessKey=" + accessKey + (securityToken != null ? ", with security token" : "")
                + "]";
    }
}
