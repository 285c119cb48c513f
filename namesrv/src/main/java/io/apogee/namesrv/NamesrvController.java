package io.apogee.namesrv;

import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.common.service.ServiceRunner;
import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.namesrv.liveness.BrokerChannelHousekeeping;
import io.apogee.namesrv.liveness.BrokerLivenessScan;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final NamesrvConfig config;
    private final NettyServerConfig serverConfig;
    private final RouteTable routeTable = new RouteTable();
    private final KvConfigStore kvConfig;
    private final ExecutorService defaultExecutor;
    private final ExecutorService clientRequestExecutor;
    private final NettyRemotingServer server;
    private final ServiceRunner livenessScan;

    public NamesrvController(NamesrvConfig config, NettyServerConfig serverConfig) {
        this.config = config;
        this.serverConfig = serverConfig;
        this.kvConfig = new KvConfigStore(config.kvConfigPath());
        this.defaultExecutor = BoundedExecutors.fixed("ApogeeNamesrvDefault", config.defaultThreadPoolNums(),
                config.defaultThreadPoolQueueCapacity());
        this.clientRequestExecutor = BoundedExecutors.fixed("ApogeeNamesrvClientRequest",
                config.clientRequestThreadPoolNums(), config.clientRequestThreadPoolQueueCapacity());
        this.server = new NettyRemotingServer(serverConfig, new BrokerChannelHousekeeping(routeTable));
        this.livenessScan = new ServiceRunner(new BrokerLivenessScan(routeTable, config, System::currentTimeMillis),
                config.scanNotActiveBrokerInterval(), TimeUnit.MILLISECONDS);
        registerProcessors();
    }

    private void registerProcessors() {
        RouteProcessor routes = new RouteProcessor(routeTable, kvConfig, config);
        server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, routes::route, clientRequestExecutor);
        server.registerProcessors(routes.adminHandlers(), defaultExecutor);
        server.registerProcessors(new BrokerRegistrationProcessor(routeTable, kvConfig).handlers(), defaultExecutor);
        server.registerProcessors(new KvConfigProcessor(kvConfig).handlers(), defaultExecutor);
        server.registerProcessors(new NamesrvConfigProcessor(config, serverConfig).handlers(), defaultExecutor);
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
        LOG.info("NameServer started: port={} kvConfig={}", server.localPort(), config.kvConfigPath());
    }

    /** The port the server listens on (the chosen one when configured with 0). */
    public int listenPort() {
        return server.localPort();
    }

    /** Stops scanning, then serving; idempotent. */
    public void shutdown() {
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
