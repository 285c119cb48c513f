package io.apogee.remoting.netty;

import io.apogee.common.concurrent.NamedThreadFactory;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.InvokeCallback;
import io.apogee.remoting.codec.FrameDecoder;
import io.apogee.remoting.codec.FrameEncoder;
import io.apogee.remoting.exception.RemotingConnectException;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.exception.RemotingTimeoutException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remoting client: one connection per peer address, opened on first use and reused; synchronous, asynchronous
 * and oneway requests; processors for requests the peer sends back (broker-to-client calls).
 */
public final class NettyRemotingClient extends RemotingEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(NettyRemotingClient.class);

    private final NettyClientConfig config;
    private final EventLoopGroup ioGroup;
    private final ExecutorService callbackExecutor;
    private final Bootstrap bootstrap;
    private final Map<String, ChannelFuture> channels = new ConcurrentHashMap<>();
    private final Object connectLock = new Object();

    /**
     * @param config   validated client settings
     * @param listener connection events, or {@code null}
     */
    public NettyRemotingClient(NettyClientConfig config, ChannelEventListener listener) {
        this(config, listener, null);
    }

    /**
     * A client with RocketMQ's TLS settings {@code tlsSettings}; {@code null}: this JVM's, read only if it uses TLS.
     */
    NettyRemotingClient(NettyClientConfig config, ChannelEventListener listener, TlsSettings tlsSettings) {
        super("ApogeeClient", config.clientAsyncSemaphoreValue, config.clientOnewaySemaphoreValue, listener);
        config.validate();
        this.config = config;
        SslContext ssl = !config.useTLS ? null
                : Tls.clientContext(config, tlsSettings != null ? tlsSettings : TlsSettings.fromSystem());
        Transport transport = Transport.choose(config.useEpollNativeSelector);
        this.ioGroup = transport.eventLoopGroup(config.clientWorkerThreads, "ApogeeClientIO");
        this.callbackExecutor = Executors.newFixedThreadPool(config.clientCallbackExecutorThreads,
                new NamedThreadFactory("ApogeeClientCallback", true));
        FrameEncoder encoder = new FrameEncoder();
        ChannelHandler connection = new ConnectionEventHandler("client", listener(), this::onChannelClosed);
        ChannelHandler command = commandHandler();
        this.bootstrap = new Bootstrap()
                .group(ioGroup)
                .channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMillis)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("encoder", encoder)
                                .addLast("decoder", new FrameDecoder(config.frameMaxLength))
                                .addLast("idle", new IdleStateHandler(0, 0, config.clientChannelMaxIdleTimeSeconds))
                                .addLast("connection", connection)
                                .addLast("command", command);
                    }
                });
    }

    @Override
    ExecutorService callbackExecutor() {
        return callbackExecutor;
    }

    /** Starts background duties (the timeout scan). Connections open on first use. */
    public void start() {
        startEndpoint();
    }

    /** Sends {@code request} to {@code addr} and waits up to {@code timeoutMillis} for the response. */
    public RemotingCommand invokeSync(String addr, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        long start = System.currentTimeMillis();
        Channel channel = channel(addr);
        long left = timeoutMillis - (System.currentTimeMillis() - start);
        if (left <= 0) {
            throw new RemotingTimeoutException("connecting to " + addr + " used up the " + timeoutMillis
                    + " ms timeout");
        }
        try {
            return invokeSync(channel, request, left);
        } catch (RemotingTimeoutException e) {
            if (config.clientCloseSocketIfTimeout) {
                closeChannel(addr, channel);
            }
            throw e;
        }
    }

    /** Sends {@code request} to {@code addr}; {@code callback} runs on a callback thread with the outcome. */
    public void invokeAsync(String addr, RemotingCommand request, long timeoutMillis, InvokeCallback callback)
            throws InterruptedException, RemotingException {
        invokeAsync(channel(addr), request, timeoutMillis, callback);
    }

    /** Sends {@code request} to {@code addr} marked oneway: no response will come. */
    public void invokeOneway(String addr, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        invokeOneway(channel(addr), request, timeoutMillis);
    }

    /** Closes the connection to {@code addr}, if any. */
    public void closeChannel(String addr) {
        ChannelFuture future = channels.remove(addr);
        if (future != null) {
            future.channel().close();
        }
    }

    private void closeChannel(String addr, Channel channel) {
        channels.computeIfPresent(addr, (a, f) -> f.channel() == channel ? null : f);
        channel.close();
    }

    private void onChannelClosed(Channel channel) {
        channels.values().removeIf(f -> f.channel() == channel);
        failPendingOn(channel);
    }

    /** The open connection to {@code addr}, connecting first if there is none. */
    private Channel channel(String addr) throws InterruptedException, RemotingConnectException {
        ChannelFuture future = channels.get(addr);
        if (future == null || !future.channel().isActive() && future.isDone()) {
            future = connect(addr);
        }
        if (!future.await(config.connectTimeoutMillis + 100L) || !future.isSuccess()
                || !future.channel().isActive()) {
            Throwable cause = future.cause();
            channels.remove(addr, future);
            throw new RemotingConnectException(ConnectFailure.describe(addr, cause, config.connectTimeoutMillis),
                    cause);
        }
        return future.channel();
    }

    private ChannelFuture connect(String addr) throws RemotingConnectException {
        synchronized (connectLock) {
            ChannelFuture existing = channels.get(addr);
            if (existing != null && (!existing.isDone() || existing.channel().isActive())) {
                return existing;
            }
            InetSocketAddress target;
            try {
                target = Channels.parse(addr);
            } catch (IllegalArgumentException e) {
                throw new RemotingConnectException(e.getMessage(), e);
            }
            ChannelFuture future = bootstrap.connect(target);
            channels.put(addr, future);
            LOG.debug("connecting to {}", addr);
            return future;
        }
    }

    /** Closes every connection, fails requests still waiting, and stops all threads. */
    public void shutdown() {
        channels.values().forEach(f -> f.channel().close());
        channels.clear();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        shutdownEndpoint();
        callbackExecutor.shutdown();
    }
}
