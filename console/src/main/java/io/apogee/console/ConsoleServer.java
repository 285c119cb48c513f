package io.apogee.console;

import io.apogee.client.MQClientException;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.service.PeriodicTask;
import io.apogee.common.service.ServiceRunner;
import io.apogee.console.api.ApiModule;
import io.apogee.console.api.Apis;
import io.apogee.console.auth.AuditLog;
import io.apogee.console.auth.LoginThrottle;
import io.apogee.console.auth.PasswordHasher;
import io.apogee.console.auth.Sessions;
import io.apogee.console.auth.UserStore;
import io.apogee.console.config.ConsoleConfig;
import io.apogee.console.history.TpsHistory;
import io.apogee.console.http.HttpServerHandler;
import io.apogee.console.http.Router;
import io.apogee.console.http.StaticResources;
import io.apogee.console.view.ClusterView;
import io.apogee.console.view.DashboardSampler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console: an HTTP server (Netty's codec) serving the front end and the JSON API, which reads and changes the
 * cluster through one {@link DefaultMQAdminExt}. Users, the audit log and history live under
 * {@link ConsoleConfig#dataDir()}. {@link #start()} binds; {@link #shutdown()} stops everything it started.
 */
public final class ConsoleServer {

    /** Requests waiting for a worker at most; beyond, 503. */
    static final int WORKER_QUEUE = 256;

    private final ConsoleConfig config;
    private final DefaultMQAdminExt admin = new DefaultMQAdminExt();
    private final UserStore users;
    private final Sessions sessions;
    private final AuditLog audit;
    private final ClusterView cluster;
    private final TpsHistory history;
    private final ServiceRunner sampler;
    private final ThreadPoolExecutor workers;
    private final ServiceRunner housekeeping;
    private List<ApiModule> modules = List.of();
    private EventLoopGroup group;
    private Channel channel;

    public ConsoleServer(ConsoleConfig config) throws IOException {
        this.config = config;
        admin.setNamesrvAddr(config.namesrvAddr());
        admin.setVipChannelEnabled(config.vipChannelEnabled());
        admin.setUseTLS(config.useTLS());
        admin.setInstanceName("ApogeeConsole-" + System.identityHashCode(this));
        Path dir = config.dataDir();
        PasswordHasher hasher = new PasswordHasher(config.passwordHashIterations());
        this.users = UserStore.open(dir, hasher);
        this.sessions = new Sessions(config.sessionTimeoutMillis(), System::currentTimeMillis);
        this.audit = new AuditLog(dir);
        this.cluster = new ClusterView(admin, config);
        this.history = new TpsHistory(dir, config.historyDays());
        this.sampler = new ServiceRunner(new DashboardSampler(admin, cluster, history,
                config.topicStatsPerRefresh()), config.refreshIntervalMillis(), TimeUnit.MILLISECONDS);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WORKER_QUEUE), r -> {
                    Thread t = new Thread(r, "ApogeeConsoleWorker-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.housekeeping = new ServiceRunner(new PeriodicTask("ApogeeConsoleSessions", sessions::expire), 60,
                TimeUnit.SECONDS);
    }

    /** Starts the admin client, the background snapshot and the HTTP server. */
    public synchronized void start() throws MQClientException, InterruptedException {
        admin.start();
        cluster.start();
        sampler.start();
        housekeeping.start();
        Router router = new Router(sessions, audit);
        LoginThrottle throttle = new LoginThrottle(config.loginFailuresBeforeDelay(), config.loginDelayMillis(),
                System::currentTimeMillis);
        modules = Apis.all(new Apis.Context(admin, cluster, history, users, sessions, throttle, audit,
                config));
        for (ApiModule module : modules) {
            module.register(router);
        }
        HttpServerHandler handler = new HttpServerHandler(router, new StaticResources(), workers);
        group = new NioEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "ApogeeConsoleHttp");
            t.setDaemon(true);
            return t;
        });
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(config.maxRequestBytes()), new ChunkedWriteHandler(),
                                handler);
                    }
                })
                .bind(new InetSocketAddress(config.listenAddress(), config.port())).sync().channel();
    }

    private void awaitWorkers() {
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The port the console listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The console's address for a browser, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = config.listenAddress().equals("0.0.0.0") ? "127.0.0.1" : config.listenAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** Where the initial admin password is, for the start-up message. */
    public Path initialPasswordFile() {
        return users.initialPasswordFile();
    }

    /** Stops the workers, the HTTP server, the snapshot and the admin client. */
    public synchronized void shutdown() {
        // Workers first: an event stream they end still writes its last chunk on a live event loop.
        workers.shutdownNow();
        awaitWorkers();
        if (channel != null) {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            channel = null;
        }
        housekeeping.close();
        sampler.close();
        cluster.shutdown();
        modules.forEach(ApiModule::close);
        admin.shutdown();
    }
}
