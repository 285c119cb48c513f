package io.apogee.broker;

import io.apogee.broker.acl.AclAdministration;
import io.apogee.broker.acl.AclRpcHook;
import io.apogee.broker.acl.BrokerSigningHook;
import io.apogee.broker.acl.PlainAclFile;
import io.apogee.broker.client.ClientNotifier;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.config.BrokerRole;
import io.apogee.broker.filter.PropertyFilters;
import io.apogee.broker.config.BrokerConfigUpdater;
import io.apogee.broker.config.BrokerConfigs;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.client.ProducerManager;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.longpolling.PullRequestHoldService;
import io.apogee.broker.metrics.BrokerMetrics;
import io.apogee.broker.metrics.BrokerState;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.processor.AclConfigProcessor;
import io.apogee.broker.processor.BrokerAdminProcessor;
import io.apogee.broker.lock.RebalanceLockManager;
import io.apogee.broker.processor.ClientManageProcessor;
import io.apogee.broker.processor.ConsumeProgressProcessor;
import io.apogee.broker.processor.ConsumerManageProcessor;
import io.apogee.broker.processor.ConsumerRelayProcessor;
import io.apogee.broker.processor.ConsumerSendMsgBackProcessor;
import io.apogee.broker.processor.EndTransactionProcessor;
import io.apogee.broker.processor.GroupAdminProcessor;
import io.apogee.broker.processor.OffsetTablesProcessor;
import io.apogee.broker.processor.PullMessageProcessor;
import io.apogee.broker.processor.QueryMessageProcessor;
import io.apogee.broker.processor.RebalanceLockProcessor;
import io.apogee.broker.processor.ReplyMessageProcessor;
import io.apogee.broker.processor.SendMessageProcessor;
import io.apogee.broker.processor.StoreMaintenanceProcessor;
import io.apogee.broker.processor.TopicAdminProcessor;
import io.apogee.broker.registration.NameServerRegistrar;
import io.apogee.broker.schedule.DelayOffsetTable;
import io.apogee.broker.schedule.ScheduleMessageService;
import io.apogee.broker.slave.MasterLink;
import io.apogee.broker.slave.ReplicationInfo;
import io.apogee.broker.slave.ReplicationWatch;
import io.apogee.broker.slave.SlaveSynchronizer;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.broker.transaction.TransactionCheckService;
import io.apogee.broker.transaction.TransactionalMessageService;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.Published;
import io.apogee.common.service.PeriodicTask;
import io.apogee.common.service.ServiceLoop;
import io.apogee.common.service.ServiceRunner;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.netty.FairRequestQueue;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.netty.NettyServerConfig;
import io.apogee.remoting.netty.RequestExecutors;
import io.apogee.store.HaStatus;
import io.apogee.store.MessageStore;
import io.apogee.store.core.LocalMessageStore;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker: owns the store, the managers, the remoting servers (main port and VIP port {@code listenPort - 2}),
 * the processors and the background loops, and starts and stops them in order.
 *
 * <p>A SLAVE ({@code brokerRole}) learns its master from each registration ({@link MasterLink}), copies its
 * metadata ({@link SlaveSynchronizer}) while the store replicates its commit log, refuses sends, admin changes and
 * END_TRANSACTION, and runs no delay-level delivery and no transaction check-back (its master does both).
 *
 * <p>Its configuration is {@link #configs() published}: components that read a {@code @Live} key get the current
 * {@link BrokerConfig} through a supplier and read it per use; every other key is read from the start snapshot, once.
 */
public final class BrokerController {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerController.class);
    private static final long CLIENT_SCAN_MILLIS = 10_000;
    private static final long FAST_FAILURE_MILLIS = 10;
    /** How often the schedule loop looks for due delayed messages when it found none (RocketMQ ticks at 100 ms). */
    private static final long SCHEDULE_TICK_MILLIS = 100;
    /** How often plain_acl.yml's modification time is looked at (RocketMQ's watcher looks every 5 s). */
    private static final long ACL_WATCH_MILLIS = 1000;

    private final Published<BrokerConfigs> configs;
    /** The snapshot the broker started with: only keys read once at start are read from it. */
    private final BrokerConfig config;
    /** The broker config in force, for keys read per use. */
    private final Supplier<BrokerConfig> liveConfig;
    private final MessageStore store;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;
    private final DelayOffsetTable delayOffsets;
    private final RebalanceLockManager locks = new RebalanceLockManager();
    private final ProducerManager producers = new ProducerManager();
    private final ConsumerManager consumers;
    private final BrokerStats stats = new BrokerStats();
    private final NettyRemotingServer server;
    private final NettyRemotingServer vipServer;
    /** To the name servers, and on a slave to its master too (metadata sync), as RocketMQ's broker has one. */
    private final NettyRemotingClient namesrvClient;
    private final MasterLink masterLink;
    /** Set on a slave, {@code null} on a master. */
    private final SlaveSynchronizer slaveSync;
    private final List<ExecutorService> executors = new ArrayList<>();
    /** The request executors by thread name, for the metrics' queue depths. */
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    private final BrokerMetrics metrics;
    private final List<ServiceRunner> runners = new ArrayList<>();
    private ClientNotifier notifier;
    private NameServerRegistrar registrar;
    private PullRequestHoldService holds;
    private String brokerAddr;
    /** The ACL file in force; {@code null} with {@code aclEnable=false}. */
    private PlainAclFile acl;

    public BrokerController(BrokerConfigs configs) {
        StoreDirectoryCheck.check(configs.store());
        this.configs = new Published<>(configs);
        this.config = configs.broker();
        this.liveConfig = () -> this.configs.get().broker();
        Path configDir = Path.of(configs.store().getStorePathRootDir(), "config");
        this.store = new LocalMessageStore(() -> this.configs.get().store());
        this.topics = new TopicConfigManager(config, configDir, () -> {
            if (registrar != null) {
                registrar.registerSoon();
            }
        });
        this.groups = new SubscriptionGroupManager(liveConfig, configDir);
        this.offsets = new ConsumerOffsetManager(configDir);
        this.delayOffsets = new DelayOffsetTable(configDir);
        this.consumers = new ConsumerManager(group -> {
            if (notifier != null && liveConfig.get().isNotifyConsumerIdsChangedEnable()) {
                notifier.consumerIdsChanged(group);
            }
        });
        ChannelEventListener housekeeping = new ChannelEventListener() {
            @Override
            public void onChannelClose(String remoteAddr, Channel channel) {
                forget(channel);
            }

            @Override
            public void onChannelException(String remoteAddr, Channel channel) {
                forget(channel);
            }

            @Override
            public void onChannelIdle(String remoteAddr, Channel channel) {
                forget(channel);
            }
        };
        this.server = new NettyRemotingServer(configs.netty(), housekeeping);
        this.vipServer = new NettyRemotingServer(vipConfig(configs.netty()), housekeeping);
        this.namesrvClient = new NettyRemotingClient(configs.client(), null);
        this.masterLink = new MasterLink(config.getBrokerName(), store,
                !configs.store().getHaMasterAddress().isEmpty());
        this.slaveSync = isSlave() ? new SlaveSynchronizer(masterLink, namesrvClient, topics, groups, offsets,
                delayOffsets, new ReplicationWatch(config.getBrokerName(), store, masterLink)) : null;
        this.metrics = new BrokerMetrics(config, new BrokerState(store, topics, groups, offsets, producers, consumers,
                pools));
        if (metrics.rpcHook() != null) {
            registerRpcHook(metrics.rpcHook());
        }
    }

    private boolean isSlave() {
        return config.getBrokerRole() == BrokerRole.SLAVE;
    }

    /** The main port's settings on {@code listenPort - 2}, as RocketMQ clones them for its VIP channel. */
    private static NettyServerConfig vipConfig(NettyServerConfig main) {
        Properties port = new Properties();
        port.setProperty("listenPort", String.valueOf(main.getListenPort() == 0 ? 0 : main.getListenPort() - 2));
        return ConfigBinder.copyWith(main, port);
    }

    private void forget(Channel channel) {
        producers.onChannelClosed(channel);
        consumers.onChannelClosed(channel);
    }

    /**
     * Loads the config files, recovers the store, binds the ports, registers with every name server and starts the
     * background loops.
     *
     * @throws IOException when a config file or the store cannot be read
     */
    public void start() throws IOException {
        topics.load();
        groups.load();
        offsets.load();
        delayOffsets.load();
        startAcl();
        store.start();
        server.start();
        vipServer.start();
        namesrvClient.start();
        String ip = config.getBrokerIP1().isBlank() ? LocalAddress.pick() : config.getBrokerIP1();
        brokerAddr = ip + ":" + server.localPort();
        String haIp = config.getBrokerIP2().isBlank() ? ip : config.getBrokerIP2();
        int haPort = store.haStatus().haListenPort();
        notifier = new ClientNotifier(server);
        registrar = new NameServerRegistrar(config, topics, namesrvClient, brokerAddr,
                haPort > 0 ? haIp + ":" + haPort : "");
        if (isSlave()) {
            registrar.onMasterAnswer(masterLink::onRegistration);
        }
        registerProcessors(new InetSocketAddress(ip, server.localPort()));
        startLoops();
        metrics.start();
        LOG.info(StartupSummary.describe(configs.get(), brokerAddr, vipServer.localPort(), haPort));
        int registered = registrarRegisterAll();
        LOG.info("broker {} of cluster {} ready at {} (VIP port {}), registered with {} of {} name servers; {}",
                config.getBrokerName(), config.getBrokerClusterName(), brokerAddr, vipServer.localPort(), registered,
                registrar.nameServers().size(), replicationSummary());
    }

    /**
     * Replication in one line: a master's HA port and slave count, or a slave's master and whether it replicates
     * (and why not). The start-up log and {@code mqbroker} print it.
     */
    public String replicationSummary() {
        HaStatus ha = store.haStatus();
        if (ha.master() == null) {
            return ha.role() + (ha.haListenPort() > 0 ? ", accepting slaves on HA port " + ha.haListenPort()
                    + " (" + ha.slaves().size() + " connected)" : ", accepting no slaves (haListenPort -1)");
        }
        String why = ReplicationWatch.whyNotReplicating(ha.master(), masterLink);
        return "SLAVE of " + config.getBrokerName() + " (brokerId " + config.getBrokerId() + "), "
                + (why == null ? "replicating from " + ha.master().address() : "NOT replicating yet: " + why);
    }

    /**
     * Adds a hook that sees every request to this broker, on both ports, before it is processed and its response
     * after (see {@link RpcHook}: sends once stored, held pulls once answered, refused requests too); call it before
     * {@link #start()} so that it sees every request. ACL checks and metrics plug in here.
     */
    public void registerRpcHook(RpcHook hook) {
        server.registerRpcHook(hook);
        vipServer.registerRpcHook(hook);
    }

    /** With {@code aclEnable=true}: reads plain_acl.yml and checks every request against it from now on. */
    private void startAcl() throws IOException {
        if (!config.isAclEnable()) {
            return;
        }
        try {
            acl = PlainAclFile.load(PlainAclFile.defaultPath());
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        registerRpcHook(new AclRpcHook(acl.validator()));
        BrokerSigningHook signing = new BrokerSigningHook(acl);
        namesrvClient.registerRpcHook(signing);
        LOG.info("ACL on: {} with {} account(s) {}, {} global white address(es); this broker signs its own requests"
                + " (to its master) as {}", acl.path(), acl.accessKeys().size(), acl.accessKeys(),
                acl.config().globalWhiteRemoteAddresses().size(),
                signing.accessKey() == null ? "nobody: no admin account, they go unsigned" : signing.accessKey());
    }

    private int registrarRegisterAll() {
        try {
            return registrar.registerAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void registerProcessors(InetSocketAddress storeHost) {
        FairRequestQueue sendQueue = new FairRequestQueue(config.getSendThreadPoolQueueCapacity());
        ExecutorService send = executor("ApogeeSendMessage", config.getSendMessageThreadPoolNums(), sendQueue);
        runners.add(loop(new PeriodicTask("ApogeeFastFailure", new FastFailure(sendQueue, liveConfig)),
                FAST_FAILURE_MILLIS));
        ExecutorService pull = executor("ApogeePullMessage", config.getPullMessageThreadPoolNums(),
                config.getPullThreadPoolQueueCapacity());
        ExecutorService query = executor("ApogeeQueryMessage", config.getQueryMessageThreadPoolNums(),
                config.getQueryThreadPoolQueueCapacity());
        ExecutorService heartbeat = executor("ApogeeHeartbeat", config.getHeartbeatThreadPoolNums(),
                config.getHeartbeatThreadPoolQueueCapacity());
        ExecutorService manage = executor("ApogeeConsumerManage", config.getConsumerManageThreadPoolNums(),
                config.getAdminThreadPoolQueueCapacity());
        ExecutorService admin = executor("ApogeeAdmin", config.getAdminBrokerThreadPoolNums(),
                config.getAdminThreadPoolQueueCapacity());

        PropertyFilters propertyFilters = new PropertyFilters(liveConfig);
        PullMessageProcessor pullProcessor = new PullMessageProcessor(liveConfig, topics, groups, consumers, offsets,
                store, stats, metrics.meters(), propertyFilters);
        holds = new PullRequestHoldService(store, pullProcessor::replay);
        pullProcessor.useLongPolling(holds, pull);
        store.addDispatchListener(holds);
        runners.add(new ServiceRunner(holds, config.getPullHoldCheckIntervalMills(), TimeUnit.MILLISECONDS));
        server.registerProcessors(pullProcessor.handlers(), pull);

        BrokerConfigs start = configs.get();
        int delayLevels = start.store().delayLevelMillis().length;
        TransactionalMessageService halves = new TransactionalMessageService(store, topics, storeHost, delayLevels);
        both(new SendMessageProcessor(liveConfig, topics, groups, store, stats, storeHost,
                start.store().getMaxMessageSize(), halves, delayLevels, masterLink, metrics.meters()).handlers(), send);
        both(new ConsumerSendMsgBackProcessor(liveConfig, topics, groups, store, delayLevels,
                start.store().getMaxMessageSize(), metrics.meters()).handlers(), send);
        both(new ReplyMessageProcessor(liveConfig, topics, producers, store, stats, storeHost,
                start.store().getMaxMessageSize(), server).handlers(), send);
        ExecutorService endTransaction = executor("ApogeeEndTransaction", config.getSendMessageThreadPoolNums(),
                config.getAdminThreadPoolQueueCapacity());
        both(new EndTransactionProcessor(config, halves, masterLink).handlers(), endTransaction);
        if (!isSlave()) {
            runners.add(loop(new TransactionCheckService(liveConfig, store, offsets, halves, producers,
                    notifier::checkTransactionState), config.getTransactionCheckInterval()));
            runners.add(loop(new ScheduleMessageService(store, delayOffsets, start.store().delayLevelMillis()),
                    SCHEDULE_TICK_MILLIS));
        }
        both(new QueryMessageProcessor(liveConfig, store).handlers(), query);
        both(new ClientManageProcessor(producers, consumers, groups, topics, propertyFilters).handlers(), heartbeat);
        both(new ConsumerManageProcessor(consumers, offsets, store).handlers(), manage);
        both(new RebalanceLockProcessor(locks).handlers(), manage);
        both(new TopicAdminProcessor(config, topics, offsets, consumers, store, masterLink,
                registrar::registerNow).handlers(), admin);
        both(new GroupAdminProcessor(config, groups, topics, offsets, consumers, producers, store, stats, masterLink)
                .handlers(), admin);
        both(new OffsetTablesProcessor(offsets, delayOffsets).handlers(), admin);
        both(new ConsumeProgressProcessor(config, groups, topics, offsets, consumers, store, stats, this::brokerAddr)
                .handlers(), admin);
        both(new StoreMaintenanceProcessor(topics, store).handlers(), admin);
        both(new BrokerAdminProcessor(configs, new BrokerConfigUpdater(configs), topics, offsets, consumers, notifier,
                store, stats, registrar::registerSoon, () -> ReplicationInfo.of(store.haStatus(), masterLink,
                slaveSync)).handlers(), admin);
        both(new ConsumerRelayProcessor(config, consumers, store, server).handlers(), admin);
        both(new AclConfigProcessor(acl == null ? null : new AclAdministration(acl), config.getBrokerName(),
                config.getBrokerClusterName(), this::brokerAddr).handlers(), admin);
    }

    /** Registers a request family's handlers on the main and the VIP port. */
    private void both(Map<Integer, RequestProcessor> handlers, ExecutorService executor) {
        server.registerProcessors(handlers, executor);
        vipServer.registerProcessors(handlers, executor);
    }

    private ExecutorService executor(String name, int threads, int queueCapacity) {
        return executor(name, threads, new FairRequestQueue(queueCapacity));
    }

    /**
     * A request executor that takes the connections in turn, so a client flooding it delays another client's request
     * by about one of its own, not by its whole backlog ({@link FairRequestQueue}).
     */
    private ExecutorService executor(String name, int threads, FairRequestQueue queue) {
        ThreadPoolExecutor executor = RequestExecutors.fair(name, threads, queue);
        executors.add(executor);
        pools.put(name, executor);
        return executor;
    }

    private void startLoops() {
        runners.add(new ServiceRunner(stats, BrokerStats.SAMPLE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS));
        runners.add(loop(new PeriodicTask("ApogeeConsumerOffsetPersist", () -> {
            offsets.persist();
            delayOffsets.persist();
        }), config.getFlushConsumerOffsetInterval()));
        runners.add(loop(new PeriodicTask("ApogeeClientHousekeeping", () -> {
            long now = System.currentTimeMillis();
            long expiry = liveConfig.get().getChannelExpiredTimeout();
            consumers.scanExpired(now, expiry);
            producers.scanExpired(now, expiry);
        }), CLIENT_SCAN_MILLIS));
        if (slaveSync != null) {
            runners.add(loop(slaveSync, SlaveSynchronizer.STEP_MILLIS));
        }
        if (acl != null) {
            runners.add(loop(new PeriodicTask("ApogeeAclFileWatch", acl::reloadIfChanged), ACL_WATCH_MILLIS));
        }
        ServiceRunner registration = loop(registrar, registrar.periodMillis());
        registrar.onWakeup(registration::wakeup);
        runners.add(registration);
        runners.forEach(ServiceRunner::start);
    }

    private static ServiceRunner loop(ServiceLoop loop, long intervalMillis) {
        return new ServiceRunner(loop, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Unregisters from the name servers, stops accepting, stops the loops, persists state and closes the store. */
    public void shutdown() {
        LOG.info("broker {} shutting down", config.getBrokerName());
        metrics.close();
        if (registrar != null) {
            registrar.unregisterAll();
        }
        server.shutdown();
        vipServer.shutdown();
        for (int i = runners.size() - 1; i >= 0; i--) {
            runners.get(i).close();
        }
        executors.forEach(ExecutorService::shutdown);
        offsets.persist();
        delayOffsets.persist();
        store.close();
        namesrvClient.shutdown();
        LOG.info("broker {} stopped", config.getBrokerName());
    }

    /** The ACL file in force (valid after {@link #start}), or {@code null} with {@code aclEnable=false}. */
    public PlainAclFile aclFile() {
        return acl;
    }

    /** {@code brokerIP1:port} as registered with the name servers (valid after {@link #start}). */
    public String brokerAddr() {
        return brokerAddr;
    }

    /** Where Prometheus scrapes this broker ({@code http://host:port/metrics}), or {@code null} when disabled. */
    public String metricsUrl() {
        return metrics.url();
    }

    /** The main port actually bound. */
    public int listenPort() {
        return server.localPort();
    }

    /** The VIP port actually bound ({@code listenPort - 2} unless the main port was ephemeral). */
    public int vipPort() {
        return vipServer.localPort();
    }

    /** The configuration in force: the start one, or the last UPDATE_BROKER_CONFIG published. */
    public BrokerConfigs configs() {
        return configs.get();
    }

    public MessageStore store() {
        return store;
    }

    public TopicConfigManager topics() {
        return topics;
    }

    public ConsumerOffsetManager offsets() {
        return offsets;
    }

    /** Pulls parked by long polling (valid after {@link #start}). */
    public PullRequestHoldService pullHolds() {
        return holds;
    }
}
