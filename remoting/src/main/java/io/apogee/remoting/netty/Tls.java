package io.apogee.remoting.netty;

import io.apogee.common.config.ConfigException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts: from {@code broker.conf}'s PKCS#12 key stores ({@code tlsMode}, Apogee's keys) when set, else from
 * RocketMQ's PEM settings ({@link TlsSettings}).
 */
final class Tls {

    private Tls() {
    }

    /** A server's TLS: its mode and, unless disabled, its context. */
    record Server(NettyServerConfig.TlsMode mode, SslContext context) {
    }

    /**
     * The server's TLS.
     *
     * @throws ConfigException naming the key whose files cannot be used, or a missing certificate
     */
    static Server server(NettyServerConfig config, TlsSettings settings) {
        if (config.tlsMode != NettyServerConfig.TlsMode.DISABLED) {
            return new Server(config.tlsMode, keyStoreContext(config));
        }
        NettyServerConfig.TlsMode mode = settings.effectiveServerMode();
        if (mode == NettyServerConfig.TlsMode.DISABLED) {
            return new Server(mode, null);
        }
        if (!settings.hasServerCertificate()) {
            throw new ConfigException(settings.serverCertPath.isEmpty() ? TlsSettings.SERVER_CERT_PATH
                    : TlsSettings.SERVER_KEY_PATH, "required when " + TlsSettings.SERVER_MODE + " is "
                    + mode.name().toLowerCase(Locale.ROOT) + ": a PEM certificate (" + TlsSettings.SERVER_CERT_PATH
                    + ") and its PKCS#8 PEM key (" + TlsSettings.SERVER_KEY_PATH + "); Apogee makes no self-signed"
                    + " test certificate");
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(new File(settings.serverCertPath),
                    new File(settings.serverKeyPath), password(settings.serverKeyPassword));
            if (!settings.serverAuthClient) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (!settings.serverTrustCertPath.isEmpty()) {
                builder.trustManager(new File(settings.serverTrustCertPath));
            }
            return new Server(mode, builder.clientAuth(settings.serverNeedClientAuth).build());
        } catch (Exception e) {
            throw new ConfigException(TlsSettings.SERVER_CERT_PATH, "cannot set up TLS from "
                    + settings.serverCertPath + " and " + settings.serverKeyPath + ": " + e.getMessage());
        }
    }

    /**
     * The client's TLS context: it trusts any server certificate in RocketMQ's test mode or without
     * {@code tls.client.authServer}, and presents a certificate when one is given.
     *
     * @throws ConfigException naming the key whose files cannot be used
     */
    static SslContext clientContext(NettyClientConfig config, TlsSettings settings) {
        if (!config.tlsClientTrustStorePath.isEmpty()) {
            return keyStoreClientContext(config);
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (settings.testMode || !settings.clientAuthServer) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (!settings.clientTrustCertPath.isEmpty()) {
                builder.trustManager(new File(settings.clientTrustCertPath));
            }
            if (!settings.clientCertPath.isEmpty() && !settings.clientKeyPath.isEmpty()) {
                builder.keyManager(new File(settings.clientCertPath), new File(settings.clientKeyPath),
                        password(settings.clientKeyPassword));
            }
            return builder.build();
        } catch (Exception e) {
            throw new ConfigException(TlsSettings.CLIENT_CERT_PATH, "cannot set up TLS from "
                    + settings.clientCertPath + ", " + settings.clientKeyPath + " and "
                    + settings.clientTrustCertPath + ": " + e.getMessage());
        }
    }

    private static SslContext keyStoreContext(NettyServerConfig config) {
        try {
            KeyStore store = load(config.tlsServerKeyStorePath, config.tlsServerKeyStorePassword);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, config.tlsServerKeyStorePassword.toCharArray());
            return SslContextBuilder.forServer(kmf).build();
        } catch (Exception e) {
            throw new ConfigException("tlsServerKeyStorePath", "cannot set up TLS from key store "
                    + config.tlsServerKeyStorePath + ": " + e.getMessage());
        }
    }

    private static SslContext keyStoreClientContext(NettyClientConfig config) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(config.tlsClientTrustStorePath, config.tlsClientTrustStorePassword));
            return SslContextBuilder.forClient().trustManager(tmf).build();
        } catch (Exception e) {
            throw new ConfigException("tlsClientTrustStorePath", "cannot set up TLS from trust store "
                    + config.tlsClientTrustStorePath + ": " + e.getMessage());
        }
    }

    private static String password(String password) {
        return password.isEmpty() ? null : password;
    }

    private static KeyStore load(String path, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
