package io.apogee.remoting.netty;

import io.apogee.common.concurrent.NamedThreadFactory;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.InvokeCallback;
import io.apogee.remoting.codec.FrameDecoder;
import io.apogee.remoting.codec.FrameEncoder;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remoting server: accepts connections, decodes frames, dispatches requests to processors by code, writes their
 * responses, and can itself send requests to a connected client (e.g. a transaction check-back).
 */
public final class NettyRemotingServer extends RemotingEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(NettyRemotingServer.class);

    private final NettyServerConfig config;
    private final Transport transport;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup ioGroup;
    private final ExecutorService callbackExecutor;
    private final FrameEncoder encoder = new FrameEncoder();
    private final ChannelHandler connectionHandler;
    private final ChannelHandler commandHandler;
    private final Tls.Server tls;
    private final InflightLimits limits;
    private final ConnectionLimit connectionLimit;
    private Channel serverChannel;
    private int localPort;

    /**
     * @param config   validated server settings
     * @param listener connection events, or {@code null}
     */
    public NettyRemotingServer(NettyServerConfig config, ChannelEventListener listener) {
        this(config, listener, TlsSettings.fromSystem());
    }

    /** A server with RocketMQ's TLS settings {@code tlsSettings} instead of this JVM's (tests). */
    NettyRemotingServer(NettyServerConfig config, ChannelEventListener listener, TlsSettings tlsSettings) {
        this(config, listener, tlsSettings, validated(config));
    }

    private NettyRemotingServer(NettyServerConfig config, ChannelEventListener listener, TlsSettings tlsSettings,
            InflightLimits limits) {
        super("ApogeeServer", config.serverAsyncSemaphoreValue, config.serverOnewaySemaphoreValue, listener, limits);
        this.limits = limits;
        this.connectionLimit = new ConnectionLimit(config.serverMaxConnections);
        this.config = config;
        this.tls = Tls.server(config, tlsSettings);
        this.transport = Transport.choose(config.useEpollNativeSelector);
        this.bossGroup = transport.eventLoopGroup(1, "ApogeeServerBoss");
        this.ioGroup = transport.eventLoopGroup(config.serverSelectorThreads, "ApogeeServerIO");
        int callbackThreads = config.serverCallbackExecutorThreads > 0 ? config.serverCallbackExecutorThreads : 4;
        this.callbackExecutor = Executors.newFixedThreadPool(callbackThreads,
                new NamedThreadFactory("ApogeeServerCallback", true));
        this.connectionHandler = new ConnectionEventHandler("server", listener(), this::failPendingOn);
        this.commandHandler = commandHandler();
    }

    private static InflightLimits validated(NettyServerConfig config) {
        config.validate();
        return new InflightLimits(config);
    }

    @Override
    ExecutorService callbackExecutor() {
        return callbackExecutor;
    }

    /** Binds the listen port and starts serving. */
    public void start() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, false)
                .childOption(ChannelOption.ALLOCATOR, config.serverPooledByteBufAllocatorEnable
                        ? PooledByteBufAllocator.DEFAULT : UnpooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initPipeline(ch);
                    }
                });
        if (config.serverSocketSndBufSize > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.serverSocketSndBufSize);
        }
        if (config.serverSocketRcvBufSize > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, config.serverSocketRcvBufSize);
        }
        try {
            serverChannel = bootstrap.bind(config.bindAddress, config.listenPort).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding port " + config.listenPort, e);
        } catch (Exception e) {
            shutdownGroups();
            throw new IllegalStateException("cannot listen on " + config.bindAddress + ":" + config.listenPort + ": "
                    + e.getMessage(), e);
        }
        localPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        startEndpoint();
        LOG.info("remoting server listening on {}:{} ({}{})", config.bindAddress, localPort,
                transport.epoll() ? "epoll" : "nio", tls.context() == null ? "" : ", TLS " + tls.mode());
    }

    private void initPipeline(SocketChannel ch) {
        if (!connectionLimit.admit(ch)) {
            return;
        }
        limits.track(ch);
        ChannelPipeline pipeline = ch.pipeline();
        // Responses are written from the processors' executors, one write task each: flushing once per event-loop
        // pass instead of once per response sends several answers of a busy connection in one syscall.
        pipeline.addLast("flushConsolidation", new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true))
                .addLast("tlsSniffer", new TlsSniffer(tls))
                .addLast("encoder", encoder)
                .addLast("decoder", new FrameDecoder(config.frameMaxLength))
                .addLast("idle", new IdleStateHandler(0, 0, config.serverChannelMaxIdleTimeSeconds))
                .addLast("connection", connectionHandler)
                .addLast("command", commandHandler);
    }

    /** The port actually bound (useful when {@code listenPort} is 0). */
    public int localPort() {
        return localPort;
    }

    /** Requests read from clients and not yet answered (tests, benchmarks). */
    public int outstandingRequests() {
        return limits.outstanding();
    }

    /** Bytes of the bodies of requests read from clients and not yet answered (tests, benchmarks). */
    public long inflightRequestBytes() {
        return limits.inflightBytes();
    }

    /** Connections open now. */
    public int openConnections() {
        return connectionLimit.open();
    }

    /** Sends a request to a connected client and waits for its response. */
    public RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        return super.invokeSync(channel, request, timeoutMillis);
    }

    /** Sends a request to a connected client; {@code callback} runs when it answers or times out. */
    public void invokeAsync(Channel channel, RemotingCommand request, long timeoutMillis, InvokeCallback callback)
            throws InterruptedException, RemotingException {
        super.invokeAsync(channel, request, timeoutMillis, callback);
    }

    /** Sends a request to a connected client that expects no answer. */
    public void invokeOneway(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        super.invokeOneway(channel, request, timeoutMillis);
    }

    /** Stops accepting, closes every connection, and fails requests still waiting. */
    public void shutdown() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        shutdownGroups();
        shutdownEndpoint();
        callbackExecutor.shutdown();
    }

    private void shutdownGroups() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
