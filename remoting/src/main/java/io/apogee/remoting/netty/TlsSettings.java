package io.apogee.remoting.netty;

import io.apogee.common.config.ConfigException;
import io.netty.handler.ssl.ClientAuth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * RocketMQ 4.9's TLS settings, read where RocketMQ reads them ({@code TlsSystemConfig}): JVM system properties, then
 * the file named by {@link #CONFIG_FILE}, whose keys override them; {@link #ENABLE} and {@link #SERVER_MODE} are
 * system properties only, as in RocketMQ. Certificates are PEM files, private keys PKCS#8 PEM (encrypted with
 * {@code keyPassword} or not). Where Apogee differs: without a server certificate there is no TLS (RocketMQ's server
 * would make a self-signed one in test mode), and {@link #TEST_MODE} only lets a client trust any server certificate.
 */
public final class TlsSettings {

    /** System property: {@code disabled}, {@code permissive} (TLS and plain text on one port) or {@code enforcing}. */
    public static final String SERVER_MODE = "tls.server.mode";
    /** System property: whether a client connects with TLS; RocketMQ's default false. */
    public static final String ENABLE = "tls.enable";
    /** System property: the properties file with the keys below; RocketMQ's default {@value #DEFAULT_CONFIG_FILE}. */
    public static final String CONFIG_FILE = "tls.config.file";
    /** RocketMQ's default {@link #CONFIG_FILE}; a file that does not exist is skipped. */
    public static final String DEFAULT_CONFIG_FILE = "/etc/rocketmq/tls.properties";
    /** A client trusts any server certificate; RocketMQ's default true. */
    public static final String TEST_MODE = "tls.test.mode.enable";
    /** Whether the server asks for client certificates: {@code none} (default), {@code optional}, {@code require}. */
    public static final String SERVER_NEED_CLIENT_AUTH = "tls.server.need.client.auth";
    /** The server's private key, PKCS#8 PEM. */
    public static final String SERVER_KEY_PATH = "tls.server.keyPath";
    /** Password of an encrypted {@link #SERVER_KEY_PATH}. */
    public static final String SERVER_KEY_PASSWORD = "tls.server.keyPassword";
    /** The server's certificate chain, PEM. */
    public static final String SERVER_CERT_PATH = "tls.server.certPath";
    /** Whether the server checks client certificates against {@link #SERVER_TRUST_CERT_PATH}; default false. */
    public static final String SERVER_AUTH_CLIENT = "tls.server.authClient";
    /** Certificates (PEM) the server trusts client certificates by; empty: the JDK's. */
    public static final String SERVER_TRUST_CERT_PATH = "tls.server.trustCertPath";
    /** The client's private key, PKCS#8 PEM, presented when a server asks. */
    public static final String CLIENT_KEY_PATH = "tls.client.keyPath";
    /** Password of an encrypted {@link #CLIENT_KEY_PATH}. */
    public static final String CLIENT_KEY_PASSWORD = "tls.client.keyPassword";
    /** The client's certificate chain, PEM. */
    public static final String CLIENT_CERT_PATH = "tls.client.certPath";
    /** Whether the client checks the server certificate against {@link #CLIENT_TRUST_CERT_PATH}; default false. */
    public static final String CLIENT_AUTH_SERVER = "tls.client.authServer";
    /** Certificates (PEM) the client trusts server certificates by; empty: the JDK's. */
    public static final String CLIENT_TRUST_CERT_PATH = "tls.client.trustCertPath";

    /** The server's mode as set, or {@code null} when {@link #SERVER_MODE} is not set. */
    final NettyServerConfig.TlsMode serverMode;
    final boolean testMode;
    final ClientAuth serverNeedClientAuth;
    final String serverKeyPath;
    final String serverKeyPassword;
    final String serverCertPath;
    final boolean serverAuthClient;
    final String serverTrustCertPath;
    final String clientKeyPath;
    final String clientKeyPassword;
    final String clientCertPath;
    final boolean clientAuthServer;
    final String clientTrustCertPath;

    private TlsSettings(NettyServerConfig.TlsMode serverMode, UnaryOperator<String> key) {
        this.serverMode = serverMode;
        this.testMode = Boolean.parseBoolean(or(key.apply(TEST_MODE), "true"));
        this.serverNeedClientAuth = clientAuth(or(key.apply(SERVER_NEED_CLIENT_AUTH), "none"));
        this.serverKeyPath = or(key.apply(SERVER_KEY_PATH), "");
        this.serverKeyPassword = or(key.apply(SERVER_KEY_PASSWORD), "");
        this.serverCertPath = or(key.apply(SERVER_CERT_PATH), "");
        this.serverAuthClient = Boolean.parseBoolean(or(key.apply(SERVER_AUTH_CLIENT), "false"));
        this.serverTrustCertPath = or(key.apply(SERVER_TRUST_CERT_PATH), "");
        this.clientKeyPath = or(key.apply(CLIENT_KEY_PATH), "");
        this.clientKeyPassword = or(key.apply(CLIENT_KEY_PASSWORD), "");
        this.clientCertPath = or(key.apply(CLIENT_CERT_PATH), "");
        this.clientAuthServer = Boolean.parseBoolean(or(key.apply(CLIENT_AUTH_SERVER), "false"));
        this.clientTrustCertPath = or(key.apply(CLIENT_TRUST_CERT_PATH), "");
    }

    /** This JVM's settings: its system properties and the file they name. */
    public static TlsSettings fromSystem() {
        return read(System.getProperties());
    }

    /**
     * The settings {@code systemProperties} give, with the {@link #CONFIG_FILE} they name read over them.
     *
     * @throws ConfigException naming a key with a value that cannot be used, or an unreadable file
     */
    public static TlsSettings read(Properties systemProperties) {
        Properties file = loadFile(systemProperties.getProperty(CONFIG_FILE, DEFAULT_CONFIG_FILE));
        return new TlsSettings(serverMode(systemProperties.getProperty(SERVER_MODE)),
                key -> file.getProperty(key, systemProperties.getProperty(key)));
    }

    /** The settings of {@code keys} alone, as system properties without a file (tests). */
    static TlsSettings of(Map<String, String> keys) {
        Properties properties = new Properties();
        properties.putAll(keys);
        properties.putIfAbsent(CONFIG_FILE, "");
        return read(properties);
    }

    /**
     * Whether a client of this JVM uses TLS unless told: {@link #ENABLE} when set, else whether this JVM's server is
     * {@code enforcing} (RocketMQ's broker does the same, so that it registers with NameServers that are).
     */
    static boolean clientTlsByDefault() {
        String enable = System.getProperty(ENABLE);
        if (enable != null) {
            return Boolean.parseBoolean(enable);
        }
        return serverMode(System.getProperty(SERVER_MODE)) == NettyServerConfig.TlsMode.ENFORCING;
    }

    /** Whether a server certificate and key are given. */
    boolean hasServerCertificate() {
        return !serverCertPath.isEmpty() && !serverKeyPath.isEmpty();
    }

    /** The server's mode: as set, else {@code permissive} with a certificate (RocketMQ's default), else disabled. */
    NettyServerConfig.TlsMode effectiveServerMode() {
        if (serverMode != null) {
            return serverMode;
        }
        return hasServerCertificate() ? NettyServerConfig.TlsMode.PERMISSIVE : NettyServerConfig.TlsMode.DISABLED;
    }

    private static NettyServerConfig.TlsMode serverMode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return NettyServerConfig.TlsMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SERVER_MODE, "must be disabled, permissive or enforcing, was '" + value + "'");
        }
    }

    private static ClientAuth clientAuth(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> ClientAuth.NONE;
            case "optional" -> ClientAuth.OPTIONAL;
            case "require" -> ClientAuth.REQUIRE;
            default -> throw new ConfigException(SERVER_NEED_CLIENT_AUTH,
                    "must be none, optional or require, was '" + value + "'");
        };
    }

    private static Properties loadFile(String path) {
        Properties file = new Properties();
        if (path.isEmpty() || !Files.isRegularFile(Path.of(path))) {
            return file;
        }
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            file.load(in);
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE, "cannot read " + path + ": " + e.getMessage());
        }
        return file;
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.trim();
    }
}
