package io.apogee.remoting.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts from PKCS#12 stores, and the server's handler for each {@code tlsMode}. */
final class Tls {

    private Tls() {
    }

    static SslContext serverContext(NettyServerConfig config) {
        try {
            KeyStore store = load(config.tlsServerKeyStorePath, config.tlsServerKeyStorePassword);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, config.tlsServerKeyStorePassword.toCharArray());
            return SslContextBuilder.forServer(kmf).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS from key store " + config.tlsServerKeyStorePath + ": "
                    + e.getMessage(), e);
        }
    }

    static SslContext clientContext(NettyClientConfig config) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (config.tlsClientTrustStorePath.isEmpty()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(config.tlsClientTrustStorePath, config.tlsClientTrustStorePassword));
                builder.trustManager(tmf);
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS from trust store " + config.tlsClientTrustStorePath
                    + ": " + e.getMessage(), e);
        }
    }

    /** Enforcing: TLS only. Permissive: sniffs the first bytes and serves TLS and plain clients on one port. */
    static ChannelHandler serverHandler(SslContext context, NettyServerConfig.TlsMode mode, Channel channel) {
        return mode == NettyServerConfig.TlsMode.PERMISSIVE
                ? new OptionalSslHandler(context) : context.newHandler(channel.alloc());
    }

    private static KeyStore load(String path, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
