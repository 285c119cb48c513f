package io.apogee.remoting.netty;

import io.apogee.common.config.Validated;
import io.apogee.remoting.codec.FrameCodec;

/** Remoting client settings, keyed by RocketMQ's names ({@code NettyClientConfig}) where it has them. */
public class NettyClientConfig implements Validated {

    /** Netty I/O threads. */
    int clientWorkerThreads = 4;
    /** Threads running asynchronous-invoke callbacks and broker-to-client requests. */
    int clientCallbackExecutorThreads = Runtime.getRuntime().availableProcessors();
    /** Oneway requests outstanding at once. */
    int clientOnewaySemaphoreValue = 65535;
    /** Asynchronous requests outstanding at once. */
    int clientAsyncSemaphoreValue = 65535;
    /** Connect timeout. */
    int connectTimeoutMillis = 3000;
    /** A connection silent this long in both directions is closed. */
    int clientChannelMaxIdleTimeSeconds = 120;
    /** Close the connection when a synchronous call on it times out, as RocketMQ's client does. */
    boolean clientCloseSocketIfTimeout = true;
    /** Use the epoll transport on Linux when it is available. */
    boolean useEpollNativeSelector = true;
    /** Largest frame accepted, length prefix included. */
    int frameMaxLength = FrameCodec.DEFAULT_FRAME_MAX_LENGTH;
    /** Connect with TLS. */
    boolean useTLS = false;
    /** TLS: PKCS#12 trust store; empty trusts any server certificate (development only). */
    String tlsClientTrustStorePath = "";
    /** TLS: password of {@link #tlsClientTrustStorePath}. */
    String tlsClientTrustStorePassword = "";

    @Override
    public void validate() {
        NettyServerConfig.positive("clientWorkerThreads", clientWorkerThreads);
        NettyServerConfig.positive("clientCallbackExecutorThreads", clientCallbackExecutorThreads);
        NettyServerConfig.positive("clientOnewaySemaphoreValue", clientOnewaySemaphoreValue);
        NettyServerConfig.positive("clientAsyncSemaphoreValue", clientAsyncSemaphoreValue);
        NettyServerConfig.positive("connectTimeoutMillis", connectTimeoutMillis);
    }

    public int getClientAsyncSemaphoreValue() {
        return clientAsyncSemaphoreValue;
    }

    public void setClientAsyncSemaphoreValue(int value) {
        this.clientAsyncSemaphoreValue = value;
    }

    public void setClientOnewaySemaphoreValue(int value) {
        this.clientOnewaySemaphoreValue = value;
    }

    public void setClientChannelMaxIdleTimeSeconds(int seconds) {
        this.clientChannelMaxIdleTimeSeconds = seconds;
    }

    public void setConnectTimeoutMillis(int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public void setTls(boolean useTLS, String trustStorePath, String trustStorePassword) {
        this.useTLS = useTLS;
        this.tlsClientTrustStorePath = trustStorePath;
        this.tlsClientTrustStorePassword = trustStorePassword;
    }
}
