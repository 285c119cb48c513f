package io.apogee.client.impl;

import io.apogee.client.ClientConfig;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.impl.api.AdminApi;
import io.apogee.client.impl.api.BrokerOffsetApi;
import io.apogee.client.impl.api.ClientManageApi;
import io.apogee.client.impl.api.NamesrvAddressList;
import io.apogee.client.impl.api.NamesrvApi;
import io.apogee.client.impl.api.PullApi;
import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.common.concurrent.NamedThreadFactory;
import io.apogee.common.message.MessageExt;
import io.apogee.common.service.PeriodicTask;
import io.apogee.common.service.ServiceRunner;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import io.apogee.remoting.protocol.heartbeat.ProducerData;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery one client id shares among its producers, consumers and admin tools: the remoting client, topic
 * routes refreshed from the NameServers, heartbeats to every broker, offset persistence and rebalancing. Started by
 * the first client that registers, shut down when the last one leaves. When no NameServer answers, the cached
 * routes stay in use.
 */
public final class MQClientInstance {

    private static final Logger LOG = LoggerFactory.getLogger(MQClientInstance.class);

    private final ClientConfig config;
    private final String clientId;
    private final Runnable onShutdown;
    private final NettyRemotingClient remoting;
    private final NamesrvApi namesrvApi;
    private final BrokerOffsetApi offsetApi;
    private final ClientManageApi manageApi;
    private final PullApi pullApi;
    private final AdminApi adminApi;
    private final Map<String, MQProducerInner> producers = new ConcurrentHashMap<>();
    private final Map<String, MQConsumerInner> consumers = new ConcurrentHashMap<>();
    private final AtomicInteger admins = new AtomicInteger();
    private final TopicRouteTable routes = new TopicRouteTable();
    private final Map<String, RouteMiss> routeMisses = new ConcurrentHashMap<>();
    private final ExecutorService brokerRequestExecutor;
    private final ScheduledExecutorService scheduler;
    private final ServiceRunner routeRefresh;
    private final ServiceRunner heartbeat;
    private final ServiceRunner offsetPersist;
    private final ServiceRunner rebalance;
    /** Takes the replies brokers push to this client; set when a producer starts, {@code null} before. */
    private volatile Consumer<MessageExt> replyReceiver;
    private volatile boolean started;
    private boolean shutdown;

    MQClientInstance(ClientConfig config, String clientId, Runnable onShutdown) {
        this(config, clientId, null, onShutdown);
    }

    MQClientInstance(ClientConfig config, String clientId, RpcHook rpcHook, Runnable onShutdown) {
        this.config = config;
        this.clientId = clientId;
        this.onShutdown = onShutdown;
        NettyClientConfig nettyConfig = ConfigBinder.conclude(NettyClientConfig::new, Map.of("useTLS",
                config.isUseTLS()));
        this.remoting = new NettyRemotingClient(nettyConfig, null);
        if (config.isEnableStreamRequestType()) {
            remoting.registerRpcHook(new StreamRequestTypeHook());
        }
        if (rpcHook != null) {
            remoting.registerRpcHook(rpcHook);
        }
        long timeout = config.getMqClientApiTimeout();
        this.namesrvApi = new NamesrvApi(remoting, new NamesrvAddressList(config.getNamesrvAddr()), timeout);
        this.offsetApi = new BrokerOffsetApi(remoting, timeout);
        this.manageApi = new ClientManageApi(remoting, timeout);
        this.pullApi = new PullApi(remoting);
        this.adminApi = new AdminApi(remoting, timeout, config.isVipChannelEnabled());
        this.brokerRequestExecutor = BoundedExecutors.fixed("ApogeeClientBrokerRequest", 2, 10_000);
        ClientRemotingProcessor processor = new ClientRemotingProcessor(this);
        for (int code : new int[] {RequestCode.CHECK_TRANSACTION_STATE, RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                RequestCode.RESET_CONSUMER_CLIENT_OFFSET, RequestCode.GET_CONSUMER_RUNNING_INFO,
                RequestCode.CONSUME_MESSAGE_DIRECTLY, RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT,
                RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT}) {
            remoting.registerProcessor(code, processor, brokerRequestExecutor);
        }
        ScheduledThreadPoolExecutor delayed = new ScheduledThreadPoolExecutor(1,
                new NamedThreadFactory("ApogeeClientScheduled", true));
        delayed.setRemoveOnCancelPolicy(true);
        this.scheduler = delayed;
        this.routeRefresh = periodic("ApogeeClientRouteRefresh", config.getPollNameServerInterval(),
                this::refreshAllRoutes);
        this.heartbeat = periodic("ApogeeClientHeartbeat", config.getHeartbeatBrokerInterval(), () -> {
            routes.cleanOfflineBrokers();
            sendHeartbeatToAllBrokers();
        });
        this.offsetPersist = periodic("ApogeeClientOffsetPersist", config.getPersistConsumerOffsetInterval(),
                this::persistAllConsumerOffsets);
        this.rebalance = periodic("ApogeeClientRebalance", config.getRebalanceInterval(), this::rebalanceAll);
    }

    /** A duty that runs at start, every {@code periodMillis}, and at once on {@link ServiceRunner#wakeup()}. */
    private static ServiceRunner periodic(String roleName, long periodMillis, Runnable task) {
        return new ServiceRunner(new PeriodicTask(roleName, task), periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the remoting client and the periodic duties; later calls do nothing.
     *
     * @throws IllegalStateException once the instance has been shut down
     */
    public synchronized void start() {
        if (shutdown) {
            throw new IllegalStateException("client instance " + clientId + " was shut down");
        }
        if (started) {
            return;
        }
        remoting.start();
        routeRefresh.start();
        heartbeat.start();
        offsetPersist.start();
        rebalance.start();
        started = true;
        LOG.info("client instance {} started, NameServers {}", clientId, config.getNamesrvAddr());
    }

    /** Shuts down when no producer, consumer or admin tool uses this instance any more. */
    public synchronized void shutdownIfUnused() {
        if (!producers.isEmpty() || !consumers.isEmpty() || admins.get() > 0 || shutdown) {
            return;
        }
        shutdown = true;
        onShutdown.run();
        rebalance.close();
        offsetPersist.close();
        heartbeat.close();
        routeRefresh.close();
        scheduler.shutdownNow();
        brokerRequestExecutor.shutdownNow();
        remoting.shutdown();
        LOG.info("client instance {} shut down", clientId);
    }

    /** Registers a producer group; false when this instance already has one of that name. */
    public boolean registerProducer(MQProducerInner producer) {
        return producers.putIfAbsent(producer.groupName(), producer) == null;
    }

    /** Removes a producer group here and from every broker. */
    public void unregisterProducer(String group) {
        producers.remove(group);
        unregisterFromBrokers(group, null);
    }

    /** Registers a consumer group; false when this instance already has one of that name. */
    public boolean registerConsumer(MQConsumerInner consumer) {
        return consumers.putIfAbsent(consumer.groupName(), consumer) == null;
    }

    /** Removes a consumer group here and from every broker. */
    public void unregisterConsumer(String group) {
        consumers.remove(group);
        unregisterFromBrokers(null, group);
    }

    public void registerAdmin() {
        admins.incrementAndGet();
    }

    public void unregisterAdmin() {
        admins.decrementAndGet();
    }

    /** Hands every reply pushed to this client (PUSH_REPLY_MESSAGE_TO_CLIENT) to {@code receiver}. */
    public void receiveRepliesWith(Consumer<MessageExt> receiver) {
        this.replyReceiver = receiver;
    }

    Consumer<MessageExt> replyReceiver() {
        return replyReceiver;
    }

    MQProducerInner producer(String group) {
        return producers.get(group);
    }

    MQConsumerInner consumer(String group) {
        return consumers.get(group);
    }

    /**
     * Fetches {@code topic}'s route and, if it changed, updates broker addresses, producers and consumers.
     *
     * @return whether the cached route changed
     */
    public boolean updateTopicRoute(String topic) {
        return updateTopicRoute(topic, 0);
    }

    /**
     * Like {@link #updateTopicRoute(String)}; when the NameServer has no route and {@code defaultQueueNums > 0},
     * the producer's fallback: {@link SystemTopics#AUTO_CREATE_TOPIC_KEY}'s route, at most that many queues per broker.
     */
    public synchronized boolean updateTopicRoute(String topic, int defaultQueueNums) {
        TopicRouteData route;
        try {
            route = namesrvApi.getTopicRoute(topic);
            if (route == null && defaultQueueNums > 0) {
                route = TopicRouteTable.clamp(namesrvApi.getTopicRoute(SystemTopics.AUTO_CREATE_TOPIC_KEY),
                        defaultQueueNums);
            }
        } catch (MQClientException e) {
            missed(topic, new RouteMiss(config.getNamesrvAddr(), e.getMessage(), defaultQueueNums > 0));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (route == null) {
            missed(topic, new RouteMiss(config.getNamesrvAddr(), null, defaultQueueNums > 0));
            return false;
        }
        if (routeMisses.remove(topic) != null) {
            LOG.info("route of topic {} found again", topic);
        }
        if (route.equals(routes.get(topic))) {
            return false;
        }
        if (routes.put(topic, route) && started) {
            heartbeat.wakeup();
        }
        TopicPublishInfo publish = TopicPublishInfo.of(topic, route);
        producers.values().forEach(p -> p.updateTopicPublishInfo(topic, publish));
        Set<MessageQueue> subscribe = TopicPublishInfo.subscribeQueues(topic, route);
        consumers.values().forEach(c -> c.updateTopicSubscribeInfo(topic, subscribe));
        LOG.info("route of topic {} changed: {}", topic, route);
        return true;
    }

    /**
     * Notes why {@code topic}'s lookup found no route; warns at the first miss only, and again only after a route was
     * found in between (the push consumer looks its topics up at every rebalance and route poll). A cached route is
     * kept without a warning while the NameServers answer that they have none (a producer's automatically created
     * topic, until its broker registers it).
     */
    private void missed(String topic, RouteMiss miss) {
        if (routeMisses.put(topic, miss) != null) {
            return;
        }
        if (routes.get(topic) == null) {
            LOG.warn("No route info of this topic: {}{}", topic, explainNoRoute(topic));
        } else if (miss.unanswered() != null) {
            LOG.warn("route of topic {} not refreshed, keeping the cached one: {}", topic, miss.unanswered());
        }
    }

    /**
     * The sentences that follow {@code No route info of this topic: <topic>}: why the last lookup found no route
     * (NameServers not reached, or the topic not found and not created automatically) and what to run.
     */
    public String explainNoRoute(String topic) {
        RouteMiss miss = routeMisses.get(topic);
        if (miss == null) {
            return ". Its route lists no queue this client can use: see mqadmin topicRoute -t " + topic + ".";
        }
        Set<String> clusters = null;
        if (miss.unanswered() == null) {
            try {
                Map<String, Set<String>> table = namesrvApi.getClusterInfo().clusterAddrTable();
                clusters = table == null ? Set.of() : new TreeSet<>(table.keySet());
            } catch (MQClientException e) {
                LOG.debug("cluster names for the no-route message of {} not read: {}", topic, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return miss.explain(topic, clusters);
    }

    /** The cached route of {@code topic}, or {@code null}. */
    public TopicRouteData route(String topic) {
        return routes.get(topic);
    }

    /** The master address of {@code brokerName}, or {@code null} when unknown. */
    public String findBrokerAddressInPublish(String brokerName) {
        return routes.masterAddr(brokerName);
    }

    /** The address of {@code brokerName}'s broker {@code brokerId}, else any of its brokers, else {@code null}. */
    public String findBrokerAddressInSubscribe(String brokerName, long brokerId) {
        return routes.addr(brokerName, brokerId);
    }

    /** The address of one broker serving {@code topic} (from the cached route), or {@code null}. */
    public String findBrokerAddrByTopic(String topic) {
        return routes.anyAddrOf(topic);
    }

    /** The client ids of {@code group}'s consumers, asked of a broker of {@code topic}; empty when unknown. */
    public List<String> findConsumerIdList(String topic, String group) {
        String addr = findBrokerAddrByTopic(topic);
        if (addr == null) {
            updateTopicRoute(topic);
            addr = findBrokerAddrByTopic(topic);
        }
        if (addr == null) {
            return List.of();
        }
        try {
            return manageApi.getConsumerIdList(addr, group);
        } catch (RemotingException | MQBrokerException e) {
            LOG.debug("consumer list of group {} from {} failed: {}", group, addr, e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Sends this client's heartbeat to every known broker (masters only when it has no consumers). */
    public void sendHeartbeatToAllBrokers() {
        HeartbeatData data = new HeartbeatData();
        data.setClientID(clientId);
        producers.keySet().forEach(g -> data.getProducerDataSet().add(new ProducerData(g)));
        consumers.values().forEach(c -> data.getConsumerDataSet().add(c.consumerData()));
        if (data.getProducerDataSet().isEmpty() && data.getConsumerDataSet().isEmpty()) {
            return;
        }
        boolean mastersOnly = data.getConsumerDataSet().isEmpty();
        for (Map.Entry<String, Map<Long, String>> broker : routes.brokerAddrs().entrySet()) {
            for (Map.Entry<Long, String> addr : broker.getValue().entrySet()) {
                if (mastersOnly && addr.getKey() != BrokerData.MASTER_ID) {
                    continue;
                }
                try {
                    manageApi.sendHeartbeat(addr.getValue(), data, config.getLanguage());
                } catch (RemotingException | MQBrokerException e) {
                    LOG.warn("heartbeat to broker {} at {} failed: {}", broker.getKey(), addr.getValue(),
                            e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Heartbeats now, on the heartbeat thread. */
    public void heartbeatNow() {
        heartbeat.wakeup();
    }

    /** Rebalances every consumer now, on the rebalance thread. */
    public void rebalanceImmediately() {
        rebalance.wakeup();
    }

    private void refreshAllRoutes() {
        Set<String> topics = new HashSet<>();
        producers.values().forEach(p -> topics.addAll(p.publishTopics()));
        consumers.values().forEach(c -> topics.addAll(c.subscribedTopics()));
        topics.forEach(this::updateTopicRoute);
    }

    private void persistAllConsumerOffsets() {
        consumers.values().forEach(MQConsumerInner::persistConsumerOffset);
    }

    private void rebalanceAll() {
        consumers.values().forEach(MQConsumerInner::doRebalance);
    }

    private void unregisterFromBrokers(String producerGroup, String consumerGroup) {
        for (Map<Long, String> addrs : routes.brokerAddrs().values()) {
            for (String addr : addrs.values()) {
                try {
                    manageApi.unregisterClient(addr, clientId, producerGroup, consumerGroup);
                } catch (RemotingException | MQBrokerException e) {
                    LOG.warn("unregister of {} from {} failed: {}", clientId, addr, e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Runs {@code task} after {@code delayMillis} on the client's scheduler, unless the instance is shut down. */
    public void schedule(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("client instance {} is shut down, task dropped", clientId);
        }
    }

    public String clientId() {
        return clientId;
    }

    public ClientConfig config() {
        return config;
    }

    public NettyRemotingClient remoting() {
        return remoting;
    }

    public NamesrvApi namesrvApi() {
        return namesrvApi;
    }

    public BrokerOffsetApi offsetApi() {
        return offsetApi;
    }

    public ClientManageApi manageApi() {
        return manageApi;
    }

    public PullApi pullApi() {
        return pullApi;
    }

    public AdminApi adminApi() {
        return adminApi;
    }
}
