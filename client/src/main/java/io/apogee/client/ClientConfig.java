package io.apogee.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.protocol.LanguageCode;
import io.apogee.common.topic.NamespaceUtil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings shared by producers, consumers and the admin API, with RocketMQ's names and defaults. Clients with the
 * same {@link #buildMQClientId() client id} share one {@link io.apogee.client.impl.MQClientInstance}, configured by
 * the first of them to start.
 */
public class ClientConfig {

    /** Environment variable naming the NameServer list when {@link #setNamesrvAddr} was not called. */
    public static final String NAMESRV_ADDR_ENV = "NAMESRV_ADDR";
    /** System property naming the NameServer list when {@link #setNamesrvAddr} was not called. */
    public static final String NAMESRV_ADDR_PROPERTY = "rocketmq.namesrv.addr";
    /** System property: directory of the broadcasting consumers' offset files. */
    public static final String LOCAL_OFFSET_STORE_DIR_PROPERTY = "rocketmq.client.localOffsetStoreDir";
    /** RocketMQ's default {@code pullTimeDelayMillsWhenException}, in ms. */
    public static final long DEFAULT_PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION = 1_000;
    private static final String DEFAULT_INSTANCE_NAME = "DEFAULT";

    /** NameServer addresses, {@code host:port} separated by {@code ;}; default from the property, else the env. */
    private String namesrvAddr = defaultNamesrvAddr();
    /**
     * Namespace of this client's topics and groups ({@code ns%topic} on the wire, see {@link NamespaceUtil});
     * RocketMQ's default none.
     */
    private String namespace;
    /** Address this client reports itself at (part of its client id); RocketMQ's default: a local IPv4 address. */
    private String clientIP = localAddress();
    /** Instance name (part of the client id); RocketMQ's default {@code -Drocketmq.client.name}, else DEFAULT. */
    private String instanceName = System.getProperty("rocketmq.client.name", DEFAULT_INSTANCE_NAME);
    /** Unit name appended to the client id when set; RocketMQ's default none. */
    private String unitName;
    /** Threads running send callbacks and broker-to-client requests; RocketMQ's default: the cores. */
    private int clientCallbackExecutorThreads = Runtime.getRuntime().availableProcessors();
    /** Route refresh period for every topic in use, in ms; RocketMQ's default 30,000. */
    private int pollNameServerInterval = 30_000;
    /** Heartbeat (and offline-broker cleaning) period, in ms; RocketMQ's default 30,000. */
    private int heartbeatBrokerInterval = 30_000;
    /** Consumer offset persistence period, in ms; RocketMQ's default 5000. */
    private int persistConsumerOffsetInterval = 5_000;
    /** Rebalance period in ms (RocketMQ's {@code rocketmq.client.rebalance.waitInterval}, default 20,000). */
    private int rebalanceInterval = Integer.getInteger("rocketmq.client.rebalance.waitInterval", 20_000);
    /**
     * Admin calls go to each broker's VIP port ({@code listenPort - 2}); RocketMQ's default
     * {@code -Dcom.rocketmq.sendMessageWithVIPChannel}, else false.
     */
    private boolean vipChannelEnabled = Boolean.parseBoolean(System.getProperty(
            "com.rocketmq.sendMessageWithVIPChannel", "false"));
    /** Connect to NameServers and brokers with TLS; RocketMQ's default {@code -Dtls.enable}, else false. */
    private boolean useTLS = Boolean.parseBoolean(System.getProperty("tls.enable", "false"));
    /** Timeout of NameServer and broker management calls, in ms; RocketMQ's default 3000. */
    private int mqClientApiTimeout = 3_000;
    /** Back-off of a consumer's queue after a failed pull, in ms, read when it starts; RocketMQ's default 1000. */
    private long pullTimeDelayMillsWhenException = DEFAULT_PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION;
    /**
     * Unit mode, announced in consumer heartbeats and in sends, as RocketMQ's client does;
     * RocketMQ's default false.
     */
    private boolean unitMode;
    /** Client language announced in heartbeats (the broker lists it in connection reports); default JAVA. */
    private LanguageCode language = LanguageCode.JAVA;
    /** Where the servers run (RocketMQ's setting, see {@link AccessChannel}); default LOCAL. */
    private AccessChannel accessChannel = AccessChannel.LOCAL;
    /**
     * Marks every request as a stream request (the {@code ReqT=0} extension field RocketMQ's
     * {@code StreamTypeRPCHook} adds, which RocketMQ 5's proxy reads); read when the client instance starts;
     * RocketMQ's default false.
     */
    private boolean enableStreamRequestType;
    /** Directory of broadcasting consumers' offset files; RocketMQ's default ~/.rocketmq_offsets. */
    private String localOffsetStoreDir = System.getProperty(LOCAL_OFFSET_STORE_DIR_PROPERTY,
            Path.of(System.getProperty("user.home"), ".rocketmq_offsets").toString());

    /** {@code clientIP@instanceName[@unitName]}: which client instance this client shares. */
    public String buildMQClientId() {
        StringBuilder id = new StringBuilder(clientIP).append('@').append(instanceName);
        if (unitName != null && !unitName.isEmpty()) {
            id.append('@').append(unitName);
        }
        return id.toString();
    }

    /** Replaces the default instance name with {@code pid#nanoTime}, as RocketMQ 4.9.8 does on start. */
    public void changeInstanceNameToPID() {
        if (DEFAULT_INSTANCE_NAME.equals(instanceName)) {
            instanceName = ProcessHandle.current().pid() + "#" + System.nanoTime();
        }
    }

    /** {@code resource} in this client's namespace (unchanged without one, or for a system topic or group). */
    public String withNamespace(String resource) {
        return NamespaceUtil.wrapNamespace(namespace, resource);
    }

    public Set<String> withNamespace(Set<String> resources) {
        Set<String> wrapped = new LinkedHashSet<>();
        for (String resource : resources) {
            wrapped.add(withNamespace(resource));
        }
        return wrapped;
    }

    /** {@code resource} without this client's namespace: the name an app uses. */
    public String withoutNamespace(String resource) {
        return NamespaceUtil.withoutNamespace(resource, namespace);
    }

    public Set<String> withoutNamespace(Set<String> resources) {
        Set<String> unwrapped = new LinkedHashSet<>();
        for (String resource : resources) {
            unwrapped.add(withoutNamespace(resource));
        }
        return unwrapped;
    }

    /** {@code queue} with its topic in this client's namespace; the same object without a namespace. */
    public MessageQueue queueWithNamespace(MessageQueue queue) {
        if (namespace == null || namespace.isEmpty() || queue == null) {
            return queue;
        }
        return new MessageQueue(withNamespace(queue.getTopic()), queue.getBrokerName(), queue.getQueueId());
    }

    public Collection<MessageQueue> queuesWithNamespace(Collection<MessageQueue> queues) {
        if (namespace == null || namespace.isEmpty()) {
            return queues;
        }
        List<MessageQueue> wrapped = new ArrayList<>(queues.size());
        for (MessageQueue queue : queues) {
            wrapped.add(queueWithNamespace(queue));
        }
        return wrapped;
    }

    /** {@code queue} with its topic as the app names it (without this client's namespace). */
    public MessageQueue queueWithoutNamespace(MessageQueue queue) {
        if (namespace == null || namespace.isEmpty() || queue == null) {
            return queue;
        }
        return new MessageQueue(withoutNamespace(queue.getTopic()), queue.getBrokerName(), queue.getQueueId());
    }

    /** {@code queues} as the app names them. */
    public List<MessageQueue> queuesWithoutNamespace(Collection<MessageQueue> queues) {
        List<MessageQueue> unwrapped = new ArrayList<>(queues.size());
        for (MessageQueue queue : queues) {
            unwrapped.add(queueWithoutNamespace(queue));
        }
        return unwrapped;
    }

    /** Copies every shared setting from {@code other} (RocketMQ's name for {@link #copyClientConfigFrom}). */
    public void resetClientConfig(ClientConfig other) {
        copyClientConfigFrom(other);
    }

    /** Copies every shared setting from {@code other}. */
    public void copyClientConfigFrom(ClientConfig other) {
        namesrvAddr = other.namesrvAddr;
        namespace = other.namespace;
        clientIP = other.clientIP;
        instanceName = other.instanceName;
        unitName = other.unitName;
        clientCallbackExecutorThreads = other.clientCallbackExecutorThreads;
        pollNameServerInterval = other.pollNameServerInterval;
        heartbeatBrokerInterval = other.heartbeatBrokerInterval;
        persistConsumerOffsetInterval = other.persistConsumerOffsetInterval;
        rebalanceInterval = other.rebalanceInterval;
        mqClientApiTimeout = other.mqClientApiTimeout;
        localOffsetStoreDir = other.localOffsetStoreDir;
        pullTimeDelayMillsWhenException = other.pullTimeDelayMillsWhenException;
        unitMode = other.unitMode;
        language = other.language;
        vipChannelEnabled = other.vipChannelEnabled;
        useTLS = other.useTLS;
        accessChannel = other.accessChannel;
        enableStreamRequestType = other.enableStreamRequestType;
    }

    /** A copy of the shared settings. */
    public ClientConfig cloneClientConfig() {
        ClientConfig copy = new ClientConfig();
        copy.copyClientConfigFrom(this);
        return copy;
    }

    private static String defaultNamesrvAddr() {
        return System.getProperty(NAMESRV_ADDR_PROPERTY, System.getenv(NAMESRV_ADDR_ENV));
    }

    private static String localAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
            return InetAddress.getLoopbackAddress().getHostAddress();
        } catch (SocketException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }


    public boolean isVipChannelEnabled() {
        return vipChannelEnabled;
    }

    public void setVipChannelEnabled(boolean vipChannelEnabled) {
        this.vipChannelEnabled = vipChannelEnabled;
    }

    public boolean isUseTLS() {
        return useTLS;
    }

    /** Takes effect when the client instance starts (for a running admin: shut it down and start it again). */
    public void setUseTLS(boolean useTLS) {
        this.useTLS = useTLS;
    }

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    /** NameServer addresses, {@code host:port} separated by {@code ;}. */
    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    public String getNamespace() {
        return namespace;
    }

    /** Takes effect at start: a running client keeps the names it started with. */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getClientIP() {
        return clientIP;
    }

    public void setClientIP(String clientIP) {
        this.clientIP = clientIP;
    }

    public String getInstanceName() {
        return instanceName;
    }

    public void setInstanceName(String instanceName) {
        this.instanceName = instanceName;
    }

    public String getUnitName() {
        return unitName;
    }

    public void setUnitName(String unitName) {
        this.unitName = unitName;
    }

    public int getClientCallbackExecutorThreads() {
        return clientCallbackExecutorThreads;
    }

    public void setClientCallbackExecutorThreads(int clientCallbackExecutorThreads) {
        this.clientCallbackExecutorThreads = clientCallbackExecutorThreads;
    }

    public int getPollNameServerInterval() {
        return pollNameServerInterval;
    }

    public void setPollNameServerInterval(int pollNameServerInterval) {
        this.pollNameServerInterval = pollNameServerInterval;
    }

    public int getHeartbeatBrokerInterval() {
        return heartbeatBrokerInterval;
    }

    public void setHeartbeatBrokerInterval(int heartbeatBrokerInterval) {
        this.heartbeatBrokerInterval = heartbeatBrokerInterval;
    }

    public int getPersistConsumerOffsetInterval() {
        return persistConsumerOffsetInterval;
    }

    public void setPersistConsumerOffsetInterval(int persistConsumerOffsetInterval) {
        this.persistConsumerOffsetInterval = persistConsumerOffsetInterval;
    }

    public int getRebalanceInterval() {
        return rebalanceInterval;
    }

    public void setRebalanceInterval(int rebalanceInterval) {
        this.rebalanceInterval = rebalanceInterval;
    }

    public int getMqClientApiTimeout() {
        return mqClientApiTimeout;
    }

    public void setMqClientApiTimeout(int mqClientApiTimeout) {
        this.mqClientApiTimeout = mqClientApiTimeout;
    }

    public String getLocalOffsetStoreDir() {
        return localOffsetStoreDir;
    }

    public void setLocalOffsetStoreDir(String localOffsetStoreDir) {
        this.localOffsetStoreDir = localOffsetStoreDir;
    }

    public long getPullTimeDelayMillsWhenException() {
        return pullTimeDelayMillsWhenException;
    }

    public void setPullTimeDelayMillsWhenException(long pullTimeDelayMillsWhenException) {
        this.pullTimeDelayMillsWhenException = pullTimeDelayMillsWhenException;
    }

    public boolean isUnitMode() {
        return unitMode;
    }

    public void setUnitMode(boolean unitMode) {
        this.unitMode = unitMode;
    }

    public LanguageCode getLanguage() {
        return language;
    }

    public void setLanguage(LanguageCode language) {
        this.language = language;
    }

    public AccessChannel getAccessChannel() {
        return accessChannel;
    }

    public void setAccessChannel(AccessChannel accessChannel) {
        this.accessChannel = accessChannel;
    }

    public boolean isEnableStreamRequestType() {
        return enableStreamRequestType;
    }

    public void setEnableStreamRequestType(boolean enableStreamRequestType) {
        this.enableStreamRequestType = enableStreamRequestType;
    }
}
