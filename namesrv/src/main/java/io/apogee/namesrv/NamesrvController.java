package io.apogee.namesrv;

import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.common.config.Published;
import io.apogee.common.service.ServiceRunner;
import io.apogee.namesrv.config.NamesrvConfig;
import io.apogee.namesrv.config.NamesrvConfigUpdater;
import io.apogee.namesrv.config.NamesrvConfigs;
import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.namesrv.liveness.BrokerChannelHousekeeping;
import io.apogee.namesrv.liveness.BrokerLivenessScan;
import io.apogee.namesrv.metrics.NamesrvMetrics;
import io.apogee.namesrv.processor.BrokerRegistrationProcessor;
import io.apogee.namesrv.processor.KvConfigProcessor;
import io.apogee.namesrv.processor.NamesrvConfigProcessor;
import io.apogee.namesrv.processor.RouteProcessor;
import io.apogee.namesrv.route.RouteTable;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.protocol.RequestCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NameServer: its route table, KV config, liveness scan and remoting server, wired and run together.
 * {@link #start()} loads the KV config, then accepts connections, then scans; {@link #shutdown()} undoes it in
 * reverse. NameServers never talk to each other: every broker registers with each of them.
 *
 * <p>Route lookups ({@code GET_ROUTEINFO_BY_TOPIC}, the clients' frequent request) run on their own threads so that
 * registrations and admin requests cannot hold them up. Each processor family registers one handler per code it
 * handles; unknown request codes get {@code REQUEST_CODE_NOT_SUPPORTED} from the remoting endpoint (RocketMQ's
 * NameServer does not answer them at all), and malformed requests {@code SYSTEM_ERROR} with the reason.
 */
public final class NamesrvController {

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvController.class);

    /** The configuration in force; the start snapshot is {@link #config}. */
    private final Published<NamesrvConfigs> configs;
    /** The snapshot the NameServer started with: only keys read once at start are read from it. */
    private final NamesrvConfig config;
    private final RouteTable routeTable = new RouteTable();
    private final KvConfigStore kvConfig;
    private final ThreadPoolExecutor defaultExecutor;
    private final ThreadPoolExecutor clientRequestExecutor;
    private final NettyRemotingServer server;
    private final ServiceRunner livenessScan;
    private final NamesrvMetrics metrics;

    public NamesrvController(NamesrvConfig config, NettyServerConfig serverConfig) {
        this(new NamesrvConfigs(config, serverConfig));
    }

    /**
     * A NameServer on {@code configs}, published: components that read a {@code @Live} key read the current
     * snapshot per use, and UPDATE_NAMESRV_CONFIG replaces it.
     */
    public NamesrvController(NamesrvConfigs configs) {
        this.configs = new Published<>(configs);
        this.config = configs.namesrv();
        NettyServerConfig serverConfig = configs.netty();
        this.kvConfig = new KvConfigStore(config.kvConfigPath());
        this.defaultExecutor = BoundedExecutors.fixed("ApogeeNamesrvDefault", config.defaultThreadPoolNums(),
                config.defaultThreadPoolQueueCapacity());
        this.clientRequestExecutor = BoundedExecutors.fixed("ApogeeNamesrvClientRequest",
                config.clientRequestThreadPoolNums(), config.clientRequestThreadPoolQueueCapacity());
        this.server = new NettyRemotingServer(serverConfig, new BrokerChannelHousekeeping(routeTable));
        this.livenessScan = new ServiceRunner(new BrokerLivenessScan(routeTable, liveConfig(),
                System::currentTimeMillis), config.scanNotActiveBrokerInterval(), TimeUnit.MILLISECONDS);
        this.metrics = new NamesrvMetrics(config, hostName() + ":" + serverConfig.getListenPort(), routeTable,
                Map.of("default", defaultExecutor, "client_request", clientRequestExecutor));
        if (metrics.rpcHook() != null) {
            server.registerRpcHook(metrics.rpcHook());
        }
        registerProcessors();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The NameServer config in force, for keys read per use. */
    private Supplier<NamesrvConfig> liveConfig() {
        return () -> configs.get().namesrv();
    }

    private void registerProcessors() {
        RouteProcessor routes = new RouteProcessor(routeTable, kvConfig, liveConfig());
        server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, routes::route, clientRequestExecutor);
        server.registerProcessors(routes.adminHandlers(), defaultExecutor);
        server.registerProcessors(new BrokerRegistrationProcessor(routeTable, kvConfig).handlers(), defaultExecutor);
        server.registerProcessors(new KvConfigProcessor(kvConfig).handlers(), defaultExecutor);
        server.registerProcessors(new NamesrvConfigProcessor(configs, new NamesrvConfigUpdater(configs)).handlers(), defaultExecutor);
    }

    /**
     * Adds a hook that sees every request this NameServer receives before it is processed and its response after
     * (see {@link RpcHook}); call it before {@link #start()} so that it sees every request.
     */
    public void registerRpcHook(RpcHook hook) {
        server.registerRpcHook(hook);
    }

    /**
     * Loads the KV config and starts serving.
     *
     * @throws IOException when the KV config file exists but cannot be read
     */
    public void start() throws IOException {
        kvConfig.load();
        server.start();
        livenessScan.start();
        metrics.start();
        LOG.info("NameServer started: port={} kvConfig={}", server.localPort(), config.kvConfigPath());
    }

    /** The configuration in force: the start one, or the last UPDATE_NAMESRV_CONFIG published. */
    public NamesrvConfigs configs() {
        return configs.get();
    }

    /** Where Prometheus scrapes this NameServer ({@code http://host:port/metrics}), or {@code null} when disabled. */
    public String metricsUrl() {
        return metrics.url();
    }

    /** The port the server listens on (the chosen one when configured with 0). */
    public int listenPort() {
        return server.localPort();
    }

    /** Stops scanning, then serving; idempotent. */
    public void shutdown() {
        metrics.close();
        livenessScan.close();
        server.shutdown();
        clientRequestExecutor.shutdownNow();
        defaultExecutor.shutdownNow();
        LOG.info("NameServer stopped");
    }

    /** The registry (tests and diagnostics). */
    public RouteTable routeTable() {
        return routeTable;
    }
}
