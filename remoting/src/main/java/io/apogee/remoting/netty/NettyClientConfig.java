package io.apogee.remoting.netty;

import io.apogee.common.config.Validated;
import io.apogee.remoting.codec.FrameCodec;

/**
 * Remoting client settings, keyed by RocketMQ's names ({@code NettyClientConfig}) where it has them, filled by
 * {@code ConfigBinder} and never changed afterwards (the client in this package reads the fields).
 */
public class NettyClientConfig implements Validated {

    /** Netty I/O threads; RocketMQ's default 4. */
    int clientWorkerThreads = 4;
    /** Threads running asynchronous-invoke callbacks and broker-to-client requests; RocketMQ's default: the cores. */
    int clientCallbackExecutorThreads = Runtime.getRuntime().availableProcessors();
    /** Oneway requests outstanding at once; RocketMQ's default 65535. */
    int clientOnewaySemaphoreValue = 65535;
    /** Asynchronous requests outstanding at once; RocketMQ's default 65535. */
    int clientAsyncSemaphoreValue = 65535;
    /** Connect timeout in ms; RocketMQ's default 3000. */
    int connectTimeoutMillis = 3000;
    /** A connection silent this long in both directions is closed, in seconds; RocketMQ's default 120. */
    int clientChannelMaxIdleTimeSeconds = 120;
    /** Close the connection when a synchronous call on it times out; RocketMQ's default true. */
    boolean clientCloseSocketIfTimeout = true;
    /** Use the epoll transport on Linux when it is available (Apogee's key). */
    boolean useEpollNativeSelector = true;
    /** Largest frame accepted, length prefix included (RocketMQ's {@code com.rocketmq.remoting.frameMaxLength}). */
    int frameMaxLength = FrameCodec.DEFAULT_FRAME_MAX_LENGTH;
    /**
     * Connect with TLS; by default RocketMQ's broker rule: the {@code tls.enable} system property when set, else
     * whether {@code tls.server.mode} is {@code enforcing} (false when neither is set).
     */
    boolean useTLS = TlsSettings.clientTlsByDefault();
    /** TLS: PKCS#12 trust store (Apogee's key); empty: RocketMQ's {@code tls.client.*} settings ({@link TlsSettings}). */
    String tlsClientTrustStorePath = "";
    /** TLS: password of {@link #tlsClientTrustStorePath} (Apogee's key). */
    String tlsClientTrustStorePassword = "";

    @Override
    public void validate() {
        NettyServerConfig.positive("clientWorkerThreads", clientWorkerThreads);
        NettyServerConfig.positive("clientCallbackExecutorThreads", clientCallbackExecutorThreads);
        NettyServerConfig.positive("clientOnewaySemaphoreValue", clientOnewaySemaphoreValue);
        NettyServerConfig.positive("clientAsyncSemaphoreValue", clientAsyncSemaphoreValue);
        NettyServerConfig.positive("connectTimeoutMillis", connectTimeoutMillis);
    }
}
