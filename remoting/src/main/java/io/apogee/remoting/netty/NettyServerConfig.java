package io.apogee.remoting.netty;

import io.apogee.common.config.ConfigException;
import io.apogee.common.config.Validated;
import io.apogee.remoting.codec.FrameCodec;

/**
 * Remoting server settings, keyed by RocketMQ's names ({@code NettyServerConfig}) where it has them, filled by
 * {@code ConfigBinder} and never changed afterwards (getters only; the server in this package reads the fields).
 * A server reads them when it starts, so a runtime change of any of them takes effect at the next start (none is
 * {@link io.apogee.common.config.Live}).
 */
public class NettyServerConfig implements Validated {

    /** Port to listen on; 0 picks a free one (tests). The broker and NameServer default to RocketMQ's ports. */
    int listenPort = 0;
    /** Address to bind (Apogee's key); all interfaces by default, where RocketMQ always binds all. */
    String bindAddress = "0.0.0.0";
    /** Threads of the default request executor that processors may share; RocketMQ's default 8. */
    int serverWorkerThreads = 8;
    /** Threads running asynchronous-invoke callbacks; RocketMQ's default 0, meaning 4. */
    int serverCallbackExecutorThreads = 0;
    /** Netty I/O threads; RocketMQ's default 3. */
    int serverSelectorThreads = 3;
    /** Oneway requests this server may have outstanding towards its clients; RocketMQ's default 256. */
    int serverOnewaySemaphoreValue = 256;
    /** Asynchronous requests this server may have outstanding towards its clients; RocketMQ's default 64. */
    int serverAsyncSemaphoreValue = 64;
    /** A connection silent this long in both directions is closed, in seconds; RocketMQ's default 120. */
    int serverChannelMaxIdleTimeSeconds = 120;
    /** Socket send buffer in bytes; RocketMQ's default 0, the OS default. */
    int serverSocketSndBufSize = 0;
    /** Socket receive buffer in bytes; RocketMQ's default 0, the OS default. */
    int serverSocketRcvBufSize = 0;
    /** Use Netty's pooled allocator; RocketMQ's default true. */
    boolean serverPooledByteBufAllocatorEnable = true;
    /** Use the epoll transport on Linux when it is available (RocketMQ's default false). */
    boolean useEpollNativeSelector = true;
    /** Largest frame accepted, length prefix included (RocketMQ's {@code com.rocketmq.remoting.frameMaxLength}). */
    int frameMaxLength = FrameCodec.DEFAULT_FRAME_MAX_LENGTH;
    /**
     * TLS with a PKCS#12 key store (Apogee's keys): {@code DISABLED} (default), {@code PERMISSIVE} (TLS and plain on
     * one port) or {@code ENFORCING}. While disabled here, RocketMQ's TLS settings apply ({@link TlsSettings}).
     */
    TlsMode tlsMode = TlsMode.DISABLED;
    /** TLS: PKCS#12 key store holding the server's key and certificate (Apogee's key). */
    String tlsServerKeyStorePath = "";
    /** TLS: password of {@link #tlsServerKeyStorePath} (Apogee's key). */
    String tlsServerKeyStorePassword = "";

    /**
     * Open connections accepted at most; one more is closed at accept and logged (Apogee's key: RocketMQ has no
     * limit). The default is far above what a broker serves.
     */
    int serverMaxConnections = 65536;
    /**
     * Requests read from one connection and not yet answered (long-polling pulls included) before the server stops
     * reading that connection until one is answered: TCP back-pressure on that client alone (Apogee's key).
     */
    int serverMaxOutstandingRequestsPerConnection = 4096;
    /** Requests read and not yet answered over every connection; more are refused SYSTEM_BUSY (Apogee's key). */
    int serverMaxOutstandingRequests = 65536;
    /**
     * Bytes of request bodies read and not yet answered over every connection; a connection whose request goes past
     * them is not read until they fall back below or it has none left (Apogee's key). 0, the default, means a
     * quarter of the JVM's maximum heap.
     */
    long serverMaxInflightRequestBytes = 0;

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
        positive("serverMaxConnections", serverMaxConnections);
        positive("serverMaxOutstandingRequestsPerConnection", serverMaxOutstandingRequestsPerConnection);
        positive("serverMaxOutstandingRequests", serverMaxOutstandingRequests);
        if (serverMaxInflightRequestBytes < 0) {
            throw new ConfigException("serverMaxInflightRequestBytes", "must be 0 (a quarter of the heap) or "
                    + "positive, was " + serverMaxInflightRequestBytes);
        }
        if (bindAddress.isEmpty()) {
            // Found by fuzzing: Netty resolves an empty host to loopback, so "bindAddress=" listened on 127.0.0.1 only.
            throw new ConfigException("bindAddress", "must not be empty; 0.0.0.0 listens on every interface");
        }
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

    /** {@code serverMaxInflightRequestBytes}, with 0 resolved to a quarter of the JVM's maximum heap. */
    long inflightRequestBytesLimit() {
        return serverMaxInflightRequestBytes > 0 ? serverMaxInflightRequestBytes : Runtime.getRuntime().maxMemory() / 4;
    }

    public int getListenPort() {
        return listenPort;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public int getServerWorkerThreads() {
        return serverWorkerThreads;
    }

    public int getServerChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public int getFrameMaxLength() {
        return frameMaxLength;
    }
}
