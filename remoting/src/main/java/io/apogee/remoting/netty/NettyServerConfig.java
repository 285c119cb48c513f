package io.apogee.remoting.netty;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Validated;
import io.apogee.remoting.codec.FrameCodec;

/**
 * Remoting server settings, keyed by RocketMQ's names ({@code NettyServerConfig}) where it has them. A server reads
 * them when it starts, so a runtime change of any of them takes effect at the next start (none is
 * {@link io.apogee.common.config.Live}).
 */
public class NettyServerConfig implements Validated {

    /** Port to listen on; 0 picks a free one (tests). */
    int listenPort = 0;
    /** Address to bind; all interfaces by default, like RocketMQ. */
    String bindAddress = "0.0.0.0";
    /** Threads of the default request executor that processors may share. */
    int serverWorkerThreads = 8;
    /** Threads running asynchronous-invoke callbacks; 0 = 4. */
    int serverCallbackExecutorThreads = 0;
    /** Netty I/O threads. */
    int serverSelectorThreads = 3;
    /** Oneway requests this server may have outstanding towards its clients. */
    int serverOnewaySemaphoreValue = 256;
    /** Asynchronous requests this server may have outstanding towards its clients. */
    int serverAsyncSemaphoreValue = 64;
    /** A connection silent this long in both directions is closed. */
    int serverChannelMaxIdleTimeSeconds = 120;
    /** Socket send buffer; 0 = OS default. */
    int serverSocketSndBufSize = 0;
    /** Socket receive buffer; 0 = OS default. */
    int serverSocketRcvBufSize = 0;
    /** Use Netty's pooled allocator. */
    boolean serverPooledByteBufAllocatorEnable = true;
    /** Use the epoll transport on Linux when it is available. */
    boolean useEpollNativeSelector = true;
    /** Largest frame accepted, length prefix included (RocketMQ's {@code com.rocketmq.remoting.frameMaxLength}). */
    int frameMaxLength = FrameCodec.DEFAULT_FRAME_MAX_LENGTH;
    /** TLS: {@code disabled}, {@code permissive} (TLS and plain on one port) or {@code enforcing}. */
    TlsMode tlsMode = TlsMode.DISABLED;
    /** TLS: PKCS#12 key store holding the server's key and certificate. */
    String tlsServerKeyStorePath = "";
    /** TLS: password of {@link #tlsServerKeyStorePath}. */
    String tlsServerKeyStorePassword = "";

    /** Whether a server offers TLS. */
    public enum TlsMode { DISABLED, PERMISSIVE, ENFORCING }

    @Override
    public void validate() {
        if (listenPort < 0 || listenPort > 65535) {
            throw new ConfigException("listenPort", "must be 0..65535, was " + listenPort);
        }
        positive("serverWorkerThreads", serverWorkerThreads);
        positive("serverSelectorThreads", serverSelectorThreads);
        positive("serverOnewaySemaphoreValue", serverOnewaySemaphoreValue);
        positive("serverAsyncSemaphoreValue", serverAsyncSemaphoreValue);
        if (frameMaxLength < 1024) {
            throw new ConfigException("frameMaxLength", "must be at least 1024, was " + frameMaxLength);
        }
        if (tlsMode != TlsMode.DISABLED && tlsServerKeyStorePath.isEmpty()) {
            throw new ConfigException("tlsServerKeyStorePath", "required when tlsMode is " + tlsMode);
        }
    }

    static void positive(String key, int value) {
        if (value <= 0) {
            throw new ConfigException(key, "must be positive, was " + value);
        }
    }

    public int getListenPort() {
        return listenPort;
    }

    public void setListenPort(int listenPort) {
        this.listenPort = listenPort;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getServerWorkerThreads() {
        return serverWorkerThreads;
    }

    public int getServerChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public void setServerChannelMaxIdleTimeSeconds(int seconds) {
        this.serverChannelMaxIdleTimeSeconds = seconds;
    }

    public int getFrameMaxLength() {
        return frameMaxLength;
    }

    public void setFrameMaxLength(int frameMaxLength) {
        this.frameMaxLength = frameMaxLength;
    }

    public void setTls(TlsMode mode, String keyStorePath, String keyStorePassword) {
        this.tlsMode = mode;
        this.tlsServerKeyStorePath = keyStorePath;
        this.tlsServerKeyStorePassword = keyStorePassword;
    }
}
