package io.apogee.client.admin;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.QueryResult;
import io.apogee.client.acl.AclClientRPCHook;
import io.apogee.client.acl.SessionCredentials;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQClientManager;
import io.apogee.client.impl.api.AdminApi;
import io.apogee.client.impl.api.BrokerOffsetApi;
import io.apogee.client.impl.api.PullApi;
import io.apogee.client.impl.api.PullResult;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.admin.ProducerConnection;
import io.apogee.common.admin.RollbackStats;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.admin.TopicStatsTable;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.message.MessageExt;
import io.apogee.common.route.ClusterInfo;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.body.SubscriptionGroupWrapper;
import io.apogee.remoting.protocol.body.ConsumeStatsList;
import io.apogee.common.topic.SystemGroups;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingConnectException;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.exception.RemotingSendRequestException;
import io.apogee.remoting.exception.RemotingTimeoutException;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.netty.Channels;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.QueryConsumeQueueResponseBody;
import io.apogee.remoting.protocol.body.QueueTimeSpan;
import io.apogee.remoting.protocol.header.CloneGroupOffsetRequestHeader;
import io.apogee.remoting.protocol.header.CreateAccessConfigRequestHeader;
import io.apogee.remoting.protocol.header.CreateTopicRequestHeader;
import io.apogee.remoting.protocol.header.GetBrokerAclConfigResponseHeader;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.QueryConsumeQueueRequestHeader;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The administration API mqadmin and the console use: clusters, topics, subscription groups, consumer progress,
 * connections, message queries, offset resets, broker status and config, KV config. A broker's refusal is an
 * {@link MQBrokerException} with its code; a NameServer's refusal, or a request nobody answered, an
 * {@link MQClientException} (codes callers test against: {@link AdminResponseCode}).
 *
 * <p>Besides RocketMQ's calls, aggregate views gather what mqadmin's tables show: {@link #clusterOverview()},
 * {@link #consumerProgress(String)}, {@link #topicStatus(String)}. They ask every broker concerned and report a broker
 * that does not answer in the result instead of failing or leaving it out.
 */
public class DefaultMQAdminExt extends MQAdminClient {

    private static final String TOOLS_CONSUMER_GROUP = "TOOLS_CONSUMER";
    /** NameServer KV namespace of ordered topics' queue layout. */
    private static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private volatile MQClientInstance instance;
    private final RpcHook rpcHook;
    private String createTopicKey = SystemTopics.AUTO_CREATE_TOPIC_KEY;
    private String adminExtGroup = "admin_ext_group";

    public DefaultMQAdminExt() {
        this((RpcHook) null);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultMQAdminExt(RpcHook rpcHook) {
        this.rpcHook = rpcHook;
        setInstanceName("AdminExt");
    }

    /** Signs every request with {@code credentials} (an {@link AclClientRPCHook}). */
    public DefaultMQAdminExt(SessionCredentials credentials) {
        this(new AclClientRPCHook(credentials));
    }

    /** Joins (or starts) the client instance. */
    public synchronized void start() throws MQClientException {
        if (instance != null) {
            throw new MQClientException(-1, "admin is already started");
        }
        changeInstanceNameToPID();
        MQClientInstance created = MQClientManager.getOrCreate(this, rpcHook);
        created.registerAdmin();
        created.start();
        instance = created;
    }

    public synchronized void shutdown() {
        MQClientInstance i = instance;
        if (i != null) {
            instance = null;
            i.unregisterAdmin();
            i.shutdownIfUnused();
        }
    }

    public ClusterInfo examineBrokerClusterInfo()
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    MQBrokerException, InterruptedException {
        return clusterInfo();
    }

    /** {@link #examineBrokerClusterInfo} for this class's own use, without RocketMQ's declared extras. */
    private ClusterInfo clusterInfo() throws MQClientException, InterruptedException {
        return running().namesrvApi().getClusterInfo();
    }

    public TopicList fetchAllTopicList() throws RemotingException, MQClientException, InterruptedException {
        return new TopicList(running().namesrvApi().getAllTopicList().topicList());
    }

    /** Every broker with its version, load and store figures, or the error it answered with ({@code clusterList}). */
    public ClusterOverview clusterOverview() throws MQClientException, InterruptedException {
        AdminApi admin = admin();
        return ClusterOverview.collect(clusterInfo(), admin::getBrokerRuntimeInfo,
                System.currentTimeMillis());
    }

    /**
     * The master addresses of the brokers of {@code clusterName}, in broker-name order; empty when the cluster has
     * no master online or does not exist.
     */
    public List<String> fetchMasterAddrByClusterName(String clusterName) throws MQClientException,
            InterruptedException {
        return BrokerAddresses.mastersOfCluster(clusterInfo(), clusterName);
    }

    /** The clusters holding a broker that serves {@code topic}, in name order. */
    public Set<String> getTopicClusterList(String topic)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        return clustersServing(topic);
    }

    private Set<String> clustersServing(String topic) throws MQClientException, InterruptedException {
        return BrokerAddresses.clustersServing(route(topic), clusterInfo());
    }

    /** @throws MQClientException with code 17 when the NameServer has no route */
    public TopicRouteData examineTopicRouteInfo(String topic)
            throws RemotingException, MQClientException, InterruptedException {
        return route(topic);
    }

    /** {@link #examineTopicRouteInfo} for this class's own use (RocketMQ's list declares a RemotingException). */
    private TopicRouteData route(String topic) throws MQClientException, InterruptedException {
        TopicRouteData route = running().namesrvApi().getTopicRoute(topic);
        if (route == null) {
            throw new MQClientException(AdminResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic);
        }
        return route;
    }

    /** Offsets of every queue of {@code topic}, merged over its brokers. */
    public TopicStatsTable examineTopicStats(String topic)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        TopicStatsTable merged = new TopicStatsTable();
        for (String addr : BrokerAddresses.masters(route(topic))) {
            merged.getOffsetTable().putAll(admin().getTopicStatsInfo(addr, topic).getOffsetTable());
        }
        return merged;
    }

    /** Every queue of {@code topic} with its offsets, from each of its masters ({@code topicStatus}). */
    public TopicStatus topicStatus(String topic) throws MQClientException, InterruptedException {
        AdminApi admin = admin();
        return TopicStatus.of(topic, BrokerAnswers.askMasters(route(topic),
                addr -> admin.getTopicStatsInfo(addr, topic)));
    }

    /** Creates or updates {@code config} on the broker at {@code addr} (which registers it with the NameServer). */
    public void createAndUpdateTopicConfig(String addr, TopicConfig config)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        CreateTopicRequestHeader header = new CreateTopicRequestHeader();
        header.setTopic(config.getTopicName());
        header.setDefaultTopic(SystemTopics.AUTO_CREATE_TOPIC_KEY);
        header.setReadQueueNums(config.getReadQueueNums());
        header.setWriteQueueNums(config.getWriteQueueNums());
        header.setPerm(config.getPerm());
        header.setTopicFilterType(config.getTopicFilterType().name());
        header.setTopicSysFlag(config.getTopicSysFlag());
        header.setOrder(config.isOrder());
        admin().createTopic(addr, header);
    }

    /** Deletes {@code topic} from every master of {@code clusterName} and from the NameServers. */
    public void deleteTopic(String topic, String clusterName)
            throws MQClientException, MQBrokerException, InterruptedException {
        for (String addr : fetchMasterAddrByClusterName(clusterName)) {
            admin().deleteTopicInBroker(addr, topic);
        }
        running().namesrvApi().deleteTopicInNamesrv(topic, clusterName);
    }

    public void createAndUpdateSubscriptionGroupConfig(String addr, SubscriptionGroupConfig config)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        admin().createSubscriptionGroup(addr, config);
    }

    /** The group's config on the broker at {@code addr}, or {@code null}. */
    public SubscriptionGroupConfig examineSubscriptionGroupConfig(String addr, String group)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        return admin().getAllSubscriptionGroup(addr).getSubscriptionGroupTable().get(group);
    }

    public void deleteSubscriptionGroup(String addr, String group)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        admin().deleteSubscriptionGroup(addr, group, false);
    }

    /** The group's progress (and lag, {@link #totalLag}) over every broker of its retry topic's route. */
    public ConsumeStats examineConsumeStats(String group)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        return examineConsumeStats(group, null);
    }

    public ConsumeStats examineConsumeStats(String group, String topic)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        ConsumeStats merged = new ConsumeStats();
        for (String addr : BrokerAddresses.masters(route(SystemTopics.retryTopic(group)))) {
            ConsumeStats stats = admin().getConsumeStats(addr, group, topic);
            merged.getOffsetTable().putAll(stats.getOffsetTable());
            merged.setConsumeTps(merged.getConsumeTps() + stats.getConsumeTps());
        }
        return merged;
    }

    /** The group's progress in every topic it consumes, with lag per queue ({@code consumerProgress}). */
    public ConsumerProgress consumerProgress(String group) throws MQClientException, InterruptedException {
        return consumerProgress(group, null);
    }

    /** The group's progress in {@code topic} (every topic when {@code null}), from each master of its retry topic. */
    public ConsumerProgress consumerProgress(String group, String topic) throws MQClientException,
            InterruptedException {
        AdminApi admin = admin();
        return ConsumerProgress.of(group, BrokerAnswers.askMasters(route(
                SystemTopics.retryTopic(group)), addr -> admin.getConsumeStats(addr, group, topic)));
    }

    /** Messages stored but not yet consumed by the group, summed over queues. */
    public static long totalLag(ConsumeStats stats) {
        return stats.getOffsetTable().values().stream()
                .mapToLong(o -> Math.max(0, o.getBrokerOffset() - o.getConsumerOffset())).sum();
    }

    /** The group's online consumers, as the first broker of its retry topic that knows them reports. */
    public ConsumerConnection examineConsumerConnectionInfo(String group)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        MQBrokerException last = null;
        for (String addr : BrokerAddresses.masters(route(SystemTopics.retryTopic(group)))) {
            try {
                return admin().getConsumerConnectionList(addr, group);
            } catch (MQBrokerException e) {
                last = e;
            }
        }
        throw last != null ? last : new MQBrokerException(AdminResponseCode.CONSUMER_NOT_ONLINE,
                "the consumer group[" + group + "] not online", "");
    }

    public ProducerConnection examineProducerConnectionInfo(String group, String topic)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        MQBrokerException last = null;
        for (String addr : BrokerAddresses.masters(route(topic))) {
            try {
                return admin().getProducerConnectionList(addr, group);
            } catch (MQBrokerException e) {
                last = e;
            }
        }
        throw last != null ? last : new MQBrokerException(ResponseCode.SYSTEM_ERROR,
                "the producer group[" + group + "] not exist", "");
    }

    /** A consumer's settings and per-queue state, asked through a broker of the group's retry topic. */
    public ConsumerRunningInfo getConsumerRunningInfo(String group, String clientId)
            throws MQClientException, MQBrokerException, InterruptedException {
        String addr = BrokerAddresses.masters(route(SystemTopics.retryTopic(group))).get(0);
        return admin().getConsumerRunningInfo(addr, group, clientId);
    }

    /**
     * Each online consumer's in-memory offsets of {@code topic} for {@code group}, by client id ({@code clientAddr}:
     * that client only, or null for all), asked through a broker serving {@code topic}, as RocketMQ does; empty when
     * no broker serves it.
     */
    public Map<String, Map<MessageQueue, Long>> getConsumeStatus(String topic, String group, String clientAddr)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        List<String> masters = BrokerAddresses.masters(route(topic));
        return masters.isEmpty() ? Map.of() : admin().getConsumerStatus(masters.get(0), topic, group, clientAddr);
    }

    /**
     * For each group consuming {@code msg}'s topic, whether it consumed {@code msg} ({@link TrackType}), as RocketMQ
     * judges it; a group whose state cannot be read gets {@code UNKNOWN} (or {@code NOT_ONLINE}) with the reason.
     */
    public List<MessageTrack> messageTrackDetail(MessageExt msg)
            throws RemotingException, MQClientException, InterruptedException, MQBrokerException {
        return new MessageTracks(this).of(msg);
    }

    /** Messages of {@code topic} whose client message id ({@code UNIQ_KEY}) is {@code key}, stored in the span. */
    public QueryResult queryMessageByUniqKey(String topic, String key, int maxNum, long begin, long end)
            throws MQClientException, InterruptedException {
        return mqAdmin().queryMessageByUniqueKey(topic, key, maxNum, begin, end);
    }

    /** Has consumer {@code clientId} of {@code group} consume the message {@code offsetMsgId} once more. */
    public ConsumeMessageDirectlyResult consumeMessageDirectly(String group, String clientId, String offsetMsgId)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        OffsetMessageId id = OffsetMessageId.decode(offsetMsgId);
        return admin().consumeMessageDirectly(Channels.format(id.storeHost()), group, clientId, offsetMsgId);
    }

    /** The message(s) of {@code topic} with client id ({@code UNIQ_KEY}) {@code uniqueKey}. */
    public List<MessageExt> queryMessageByUniqueKey(String topic, String uniqueKey)
            throws MQClientException, InterruptedException {
        return mqAdmin().queryMessageByUniqueKey(topic, uniqueKey).getMessageList();
    }

    /** The message at {@code offset} of {@code mq}, or {@code null} when there is none. */
    public MessageExt queryMessageByOffset(MessageQueue mq, long offset)
            throws MQClientException, MQBrokerException, InterruptedException {
        List<MessageExt> messages = pullMessages(mq, offset, 1);
        return messages.isEmpty() ? null : messages.get(0);
    }

    /**
     * Up to {@code maxNums} messages of {@code mq} from {@code offset} on (fewer when the broker's transfer limit or
     * the queue's end comes first; empty past the end), pulled without committing any offset.
     */
    public List<MessageExt> pullMessages(MessageQueue mq, long offset, int maxNums)
            throws MQClientException, MQBrokerException, InterruptedException {
        return pullMessages(TOOLS_CONSUMER_GROUP, mq, offset, maxNums);
    }

    /** As {@link #pullMessages(MessageQueue, long, int)}, pulling as {@code consumerGroup}. */
    public List<MessageExt> pullMessages(String consumerGroup, MessageQueue mq, long offset, int maxNums)
            throws MQClientException, MQBrokerException, InterruptedException {
        String addr = masterOf(mq);
        PullMessageRequestHeader header = new PullMessageRequestHeader();
        header.setConsumerGroup(consumerGroup);
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        header.setQueueOffset(offset);
        header.setMaxMsgNums(maxNums);
        header.setSysFlag(PullApi.FLAG_SUBSCRIPTION);
        header.setCommitOffset(0L);
        header.setSuspendTimeoutMillis(0L);
        header.setSubscription("*");
        header.setSubVersion(0L);
        PullResult result;
        try {
            result = running().pullApi().pullSync(addr, header, getMqClientApiTimeout());
        } catch (RemotingException e) {
            throw new MQClientException("pull from broker " + addr + " failed: " + e.getMessage(), e);
        }
        return result.messages();
    }

    /** Moves {@code group}'s offsets of {@code topic} to {@code timestamp} on every broker; returns the new ones. */
    public Map<MessageQueue, Long> resetOffsetByTimestamp(String topic, String group, long timestamp, boolean force)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        Map<MessageQueue, Long> offsets = new TreeMap<>();
        for (String addr : BrokerAddresses.masters(route(topic))) {
            offsets.putAll(admin().resetOffset(addr, topic, group, timestamp, force));
        }
        return offsets;
    }

    /**
     * RocketMQ's older reset, done by this admin instead of the brokers: on each master of {@code topic}, every queue
     * the group has an offset for (each queue of the topic, from its first message, when it has none) is moved to the
     * offset of {@code timestamp} (-1: the queue's end), unless that lies past the group's offset and {@code force}
     * is off. Returns what was done per queue.
     */
    public List<RollbackStats> resetOffsetByTimestampOld(String consumerGroup, String topic, long timestamp,
            boolean force) throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        List<RollbackStats> done = new ArrayList<>();
        for (String addr : BrokerAddresses.masters(route(topic))) {
            Map<MessageQueue, OffsetWrapper> offsets = new TreeMap<>();
            admin().getConsumeStats(addr, consumerGroup, topic).getOffsetTable().forEach((mq, offset) -> {
                if (topic.equals(mq.getTopic())) {
                    offsets.put(mq, offset);
                }
            });
            if (offsets.isEmpty()) {
                admin().getTopicStatsInfo(addr, topic).getOffsetTable().forEach((mq, stats) -> {
                    OffsetWrapper offset = new OffsetWrapper();
                    offset.setBrokerOffset(stats.getMaxOffset());
                    offset.setConsumerOffset(stats.getMinOffset());
                    offsets.put(mq, offset);
                });
            }
            for (Map.Entry<MessageQueue, OffsetWrapper> e : offsets.entrySet()) {
                done.add(rollBack(addr, consumerGroup, e.getKey(), e.getValue(), timestamp, force));
            }
        }
        return done;
    }

    private RollbackStats rollBack(String addr, String group, MessageQueue mq, OffsetWrapper offset, long timestamp,
            boolean force) throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        BrokerOffsetApi offsets = running().offsetApi();
        long target = timestamp == -1 ? offsets.getMaxOffset(addr, mq) : offsets.searchOffset(addr, mq, timestamp);
        RollbackStats stats = new RollbackStats();
        stats.setBrokerName(mq.getBrokerName());
        stats.setQueueId(mq.getQueueId());
        stats.setBrokerOffset(offset.getBrokerOffset());
        stats.setConsumerOffset(offset.getConsumerOffset());
        stats.setTimestampOffset(target);
        stats.setRollbackOffset(offset.getConsumerOffset());
        if (force || target <= offset.getConsumerOffset()) {
            offsets.updateConsumerOffset(addr, group, mq, target);
            stats.setRollbackOffset(target);
        }
        return stats;
    }

    /** The offset {@code group} committed in {@code mq} on its master, -1 when it has none there. */
    public long queryConsumerOffset(String group, MessageQueue mq) throws MQClientException {
        return mqAdmin().queryConsumerOffset(group, mq);
    }

    public Map<String, String> fetchBrokerRuntimeStats(String brokerAddr)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    MQBrokerException, InterruptedException {
        return admin().getBrokerRuntimeInfo(brokerAddr);
    }

    public Properties getBrokerConfig(String brokerAddr)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    MQBrokerException, InterruptedException, UnsupportedEncodingException {
        return admin().getBrokerConfig(brokerAddr);
    }

    public void updateBrokerConfig(String brokerAddr, Properties properties)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    MQBrokerException, InterruptedException, UnsupportedEncodingException {
        admin().updateBrokerConfig(brokerAddr, properties);
    }

    /** Clears the write permission of {@code brokerName} on every NameServer; topic counts by NameServer. */
    public Map<String, Integer> wipeWritePermOfBroker(String brokerName)
            throws MQClientException, InterruptedException {
        return running().namesrvApi().changeWritePermOfBroker(brokerName, true);
    }

    /** Restores the write permission of {@code brokerName} on every NameServer; topic counts by NameServer. */
    public Map<String, Integer> addWritePermOfBroker(String brokerName) throws MQClientException, InterruptedException {
        return running().namesrvApi().changeWritePermOfBroker(brokerName, false);
    }

    public void putKVConfig(String namespace, String key, String value)
            throws MQClientException, InterruptedException {
        running().namesrvApi().putKvConfig(namespace, key, value);
    }

    /** The value, or {@code null} when not set. */
    public String getKVConfig(String namespace, String key)
            throws RemotingException, MQClientException, InterruptedException {
        return running().namesrvApi().getKvConfig(namespace, key);
    }

    public Map<String, String> getKVListByNamespace(String namespace)
            throws RemotingException, MQClientException, InterruptedException {
        return running().namesrvApi().getKvList(namespace);
    }

    public void deleteKVConfig(String namespace, String key) throws MQClientException, InterruptedException {
        running().namesrvApi().deleteKvConfig(namespace, key);
    }

    /**
     * The NameServers this admin asks, in their configured order.
     *
     * @throws IllegalStateException before {@link #start()} (RocketMQ's declares no checked exception here)
     */
    public List<String> getNameServerAddressList() {
        MQClientInstance i = instance;
        if (i == null) {
            throw new IllegalStateException("The admin is not started");
        }
        return i.namesrvApi().namesrvs().all();
    }

    /**
     * Asks other NameServers from now on ({@code host:port;host:port}), without a restart.
     *
     * @throws IllegalArgumentException when the list is empty or {@code ,}-separated
     */
    public void updateNameServerAddressList(String namesrvAddr) throws MQClientException {
        running().namesrvApi().namesrvs().update(namesrvAddr);
        setNamesrvAddr(namesrvAddr);
    }

    /** Every topic of the broker at {@code brokerAddr} with its config, by name (GET_ALL_TOPIC_CONFIG). */
    public Map<String, TopicConfig> getAllTopicConfig(String brokerAddr)
            throws MQClientException, MQBrokerException, InterruptedException {
        return admin().getAllTopicConfig(brokerAddr).topicConfigTable();
    }

    /** Every subscription group of the broker at {@code brokerAddr} with its config, by name. */
    public Map<String, SubscriptionGroupConfig> getAllSubscriptionGroup(String brokerAddr)
            throws MQClientException, MQBrokerException, InterruptedException {
        return admin().getAllSubscriptionGroup(brokerAddr).getSubscriptionGroupTable();
    }

    /**
     * Every group's progress on the broker at {@code brokerAddr}, by group, each over all the topics it consumes
     * there: one request (GET_BROKER_CONSUME_STATS) instead of one per group.
     */
    public Map<String, ConsumeStats> fetchConsumeStatsInBroker(String brokerAddr, boolean isOrder)
            throws MQClientException, MQBrokerException, InterruptedException {
        Map<String, ConsumeStats> byGroup = new TreeMap<>();
        for (Map<String, List<ConsumeStats>> entry : admin().getConsumeStatsInBroker(brokerAddr, isOrder)
                .getConsumeStatsList()) {
            entry.forEach((group, perTopic) -> {
                ConsumeStats merged = byGroup.computeIfAbsent(group, g -> new ConsumeStats());
                for (ConsumeStats stats : perTopic) {
                    merged.getOffsetTable().putAll(stats.getOffsetTable());
                    merged.setConsumeTps(merged.getConsumeTps() + stats.getConsumeTps());
                }
            });
        }
        return byGroup;
    }

    /** The groups that consume {@code topic}, as its first master that answers knows them. */
    public Set<String> queryTopicConsumeByWho(String topic)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        MQBrokerException last = null;
        for (String addr : BrokerAddresses.masters(route(topic))) {
            try {
                return admin().queryTopicConsumeByWho(addr, topic).getGroupList();
            } catch (MQBrokerException e) {
                last = e;
            }
        }
        throw last != null ? last : new MQBrokerException(ResponseCode.TOPIC_NOT_EXIST,
                "no master of topic " + topic + " answered", "");
    }

    /** As {@link #getConsumerRunningInfo(String, String)}, with the consumer's thread dump when {@code jstack}. */
    public ConsumerRunningInfo getConsumerRunningInfo(String group, String clientId, boolean jstack)
            throws RemotingException, MQClientException, InterruptedException {
        String addr = BrokerAddresses.masters(route(SystemTopics.retryTopic(group))).get(0);
        return refusalAsClientException(() -> admin().getConsumerRunningInfo(addr, group, clientId, jstack));
    }

    /** Deletes {@code group} from the broker at {@code addr}, and its committed offsets when {@code removeOffset}. */
    public void deleteSubscriptionGroup(String addr, String group, boolean removeOffset)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        admin().deleteSubscriptionGroup(addr, group, removeOffset);
    }

    /** The group's online consumers as the broker at {@code brokerAddr} knows them. */
    public ConsumerConnection examineConsumerConnectionInfo(String group, String brokerAddr)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        return admin().getConsumerConnectionList(brokerAddr, group);
    }

    /**
     * The configuration of each NameServer of {@code nameServers} (every configured one when {@code null} or empty),
     * by address (GET_NAMESRV_CONFIG).
     */
    public Map<String, Properties> getNameServerConfig(List<String> nameServers)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException, UnsupportedEncodingException {
        Map<String, Properties> configs = new LinkedHashMap<>();
        for (String addr : nameServersOrAll(nameServers)) {
            configs.put(addr, running().namesrvApi().getNamesrvConfig(addr));
        }
        return configs;
    }

    /** Applies {@code properties} on each NameServer of {@code nameServers} (every one when {@code null} or empty). */
    public void updateNameServerConfig(Properties properties, List<String> nameServers)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    MQBrokerException, InterruptedException, UnsupportedEncodingException {
        for (String addr : nameServersOrAll(nameServers)) {
            running().namesrvApi().updateNamesrvConfig(addr, properties);
        }
    }

    private List<String> nameServersOrAll(List<String> nameServers) throws MQClientException {
        return nameServers == null || nameServers.isEmpty() ? getNameServerAddressList() : nameServers;
    }

    /** Has the broker at {@code addr} drop consume queues of expired data (CLEAN_EXPIRED_CONSUMEQUEUE). */
    public boolean cleanExpiredConsumerQueueByAddr(String addr)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        return refusalAsClientException(() -> {
            admin().plainRequest(addr, RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE);
            return true;
        });
    }

    /** Has the broker at {@code addr} drop the consume queues of topics it no longer has (CLEAN_UNUSED_TOPIC). */
    public boolean cleanUnusedTopicByAddr(String addr)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        return refusalAsClientException(() -> {
            admin().plainRequest(addr, RequestCode.CLEAN_UNUSED_TOPIC);
            return true;
        });
    }

    /** Has the broker at {@code addr} delete its expired commit-log files now (DELETE_EXPIRED_COMMITLOG). */
    public boolean deleteExpiredCommitLogByAddr(String addr)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        return refusalAsClientException(() -> {
            admin().plainRequest(addr, RequestCode.DELETE_EXPIRED_COMMITLOG);
            return true;
        });
    }

    /**
     * Copies {@code srcGroup}'s committed offsets in {@code topic} to {@code destGroup} on every master of the topic
     * (CLONE_GROUP_OFFSET); {@code isOffline} says the source group has no consumer online.
     */
    public void cloneGroupOffset(String srcGroup, String destGroup, String topic, boolean isOffline)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        CloneGroupOffsetRequestHeader header = new CloneGroupOffsetRequestHeader();
        header.setSrcGroup(srcGroup);
        header.setDestGroup(destGroup);
        header.setTopic(topic);
        header.setOffline(isOffline);
        for (String addr : BrokerAddresses.masters(route(topic))) {
            admin().cloneGroupOffset(addr, header);
        }
    }

    /** Every producer group the broker at {@code brokerAddr} knows, with its clients, by group name. */
    public Map<String, List<ProducerInstance>> getAllProducerInfo(String brokerAddr)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        Map<String, List<ProducerInstance>> byGroup = new TreeMap<>();
        admin().getAllProducerInfo(brokerAddr).getData().forEach((group, clients) -> byGroup.put(group,
                clients.stream().map(c -> new ProducerInstance(c.getClientId(), c.getRemoteIP(), c.getLanguage(),
                        c.getVersion(), c.getLastUpdateTimestamp())).toList()));
        return byGroup;
    }

    /**
     * Up to {@code count} entries of queue {@code queueId} of {@code topic} on the broker at {@code brokerAddr} from
     * {@code index} on, each evaluated against {@code consumerGroup}'s subscription when given (QUERY_CONSUME_QUEUE).
     */
    public ConsumeQueueView queryConsumeQueue(String brokerAddr, String topic, int queueId, long index, int count,
            String consumerGroup)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        QueryConsumeQueueRequestHeader header = new QueryConsumeQueueRequestHeader();
        header.setTopic(topic);
        header.setQueueId(queueId);
        header.setIndex(index);
        header.setCount(count);
        header.setConsumerGroup(consumerGroup);
        QueryConsumeQueueResponseBody body = refusalAsClientException(
                () -> admin().queryConsumeQueue(brokerAddr, header));
        return new ConsumeQueueView(body.getMinQueueIndex(), body.getMaxQueueIndex(),
                body.getSubscriptionData() == null ? null : body.getSubscriptionData().getSubString(),
                body.getFilterData(), body.getQueueData().stream().map(e -> new ConsumeQueueView.Entry(
                        e.getPhysicOffset(), e.getPhysicSize(), e.getTagsCode(), e.isEval())).toList());
    }

    /** Creates or replaces the account {@code config} in the ACL file of the broker at {@code addr}. */
    public void createAndUpdatePlainAccessConfig(String addr, PlainAccessConfig config)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        CreateAccessConfigRequestHeader header = new CreateAccessConfigRequestHeader();
        header.setAccessKey(config.getAccessKey());
        header.setSecretKey(config.getSecretKey());
        header.setWhiteRemoteAddress(config.getWhiteRemoteAddress());
        header.setAdmin(config.isAdmin());
        header.setDefaultTopicPerm(config.getDefaultTopicPerm());
        header.setDefaultGroupPerm(config.getDefaultGroupPerm());
        header.setTopicPerms(joined(config.getTopicPerms()));
        header.setGroupPerms(joined(config.getGroupPerms()));
        admin().createAccessConfig(addr, header);
    }

    /** {@code ,}-joined entries as the request header carries them; {@code null} for none (left as they are). */
    private static String joined(List<String> entries) {
        return entries == null || entries.isEmpty() ? null : String.join(",", entries);
    }

    /** Removes the account {@code accessKey} from the ACL file of the broker at {@code addr}. */
    public void deletePlainAccessConfig(String addr, String accessKey)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        admin().deleteAccessConfig(addr, accessKey);
    }

    /** Replaces the global white list ({@code ,}-separated) in the ACL file of the broker at {@code addr}. */
    public void updateGlobalWhiteAddrConfig(String addr, String globalWhiteAddrs)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        updateGlobalWhiteAddrConfig(addr, globalWhiteAddrs, null);
    }

    /**
     * Replaces the global white list ({@code ,}-separated) of the broker at {@code addr}, in {@code aclFileFullPath}
     * ({@code null}: its ACL file).
     */
    public void updateGlobalWhiteAddrConfig(String addr, String globalWhiteAddrs, String aclFileFullPath)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        admin().updateGlobalWhiteAddrs(addr, globalWhiteAddrs, aclFileFullPath);
    }

    /** The ACL file version of the broker at {@code addr}. */
    public AclVersion examineBrokerClusterAclVersionInfo(String addr)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        GetBrokerAclConfigResponseHeader h = admin().getBrokerAclVersion(addr);
        return new AclVersion(h.getClusterName(), h.getBrokerName(), h.getBrokerAddr(), h.getVersion(),
                h.getAllAclFileVersion());
    }

    /** One statistic of the broker at {@code brokerAddr} (VIEW_BROKER_STATS_DATA; see {@link BrokerStatsView}). */
    public BrokerStatsView viewBrokerStatsData(String brokerAddr, String statsName, String statsKey)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        byte[] answer = refusalAsClientException(() -> admin().viewBrokerStatsData(brokerAddr, statsName, statsKey));
        JSONObject body = JSON.parseObject(answer);
        JSONObject minute = stats(body, "statsMinute");
        JSONObject hour = stats(body, "statsHour");
        JSONObject day = stats(body, "statsDay");
        return new BrokerStatsView(minute.getLongValue("sum"), minute.getDoubleValue("tps"),
                hour.getLongValue("sum"), hour.getDoubleValue("tps"), day.getLongValue("sum"),
                day.getDoubleValue("tps"));
    }

    private static JSONObject stats(JSONObject body, String name) {
        JSONObject item = body == null ? null : body.getJSONObject(name);
        return item == null ? new JSONObject() : item;
    }

    // RocketMQ 4.9's remaining DefaultMQAdminExt calls, by its names, on top of the ones above.

    /** Topics with a queue on any broker of {@code clusterName} (GET_TOPICS_BY_CLUSTER). */
    public TopicList fetchTopicsByCLuster(String clusterName)
            throws RemotingException, MQClientException, InterruptedException {
        return new TopicList(running().namesrvApi().getTopicsByCluster(clusterName).topicList());
    }

    /** The clusters serving {@code topic} (RocketMQ's name for {@link #getTopicClusterList(String)}). */
    public Set<String> getClusterList(String topic)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        return clustersServing(topic);
    }

    /** {@code topic}'s config on the broker at {@code addr}, {@code null} when that broker does not have it. */
    public TopicConfig examineTopicConfig(String addr, String topic)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        return getAllTopicConfig(addr).get(topic);
    }

    /**
     * Every topic of the broker at {@code addr}, in RocketMQ's wrapper; the admin's {@code mqClientApiTimeout}
     * bounds the call ({@code timeoutMillis} is accepted for RocketMQ's signature).
     */
    public TopicConfigSerializeWrapper getAllTopicConfig(String addr, long timeoutMillis)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    MQBrokerException, InterruptedException {
        return admin().getAllTopicConfig(addr);
    }

    /**
     * The broker's topics without system topics and, unless {@code specialTopic}, without retry and dead-letter
     * topics.
     */
    public TopicConfigSerializeWrapper getUserTopicConfig(String addr, boolean specialTopic, long timeoutMillis)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        TopicConfigSerializeWrapper all = admin().getAllTopicConfig(addr);
        Map<String, TopicConfig> user = new LinkedHashMap<>(all.topicConfigTable());
        user.keySet().removeIf(topic -> SystemTopics.isSystemTopic(topic) || (!specialTopic
                && (SystemTopics.isRetryTopic(topic) || topic.startsWith(SystemTopics.DLQ_GROUP_TOPIC_PREFIX))));
        return new TopicConfigSerializeWrapper(user, all.dataVersion());
    }

    /** Every subscription group of the broker at {@code addr}, in RocketMQ's wrapper. */
    public SubscriptionGroupWrapper getAllSubscriptionGroup(String addr, long timeoutMillis)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    MQBrokerException, InterruptedException {
        return admin().getAllSubscriptionGroup(addr);
    }

    /** The broker's subscription groups without RocketMQ's system groups. */
    public SubscriptionGroupWrapper getUserSubscriptionGroup(String addr, long timeoutMillis)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    MQBrokerException, InterruptedException {
        SubscriptionGroupWrapper groups = admin().getAllSubscriptionGroup(addr);
        groups.getSubscriptionGroupTable().keySet().removeIf(SystemGroups::isSystemGroup);
        return groups;
    }

    /** Every group's progress on the broker at {@code addr}, as the broker answers it (GET_BROKER_CONSUME_STATS). */
    public ConsumeStatsList fetchConsumeStatsInBroker(String addr, boolean isOrder, long timeoutMillis)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        return refusalAsClientException(() -> admin().getConsumeStatsInBroker(addr, isOrder));
    }

    /** Deletes {@code topic} from the brokers at {@code brokerAddrs}. */
    public void deleteTopicInBroker(Set<String> brokerAddrs, String topic)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        for (String addr : brokerAddrs) {
            admin().deleteTopicInBroker(addr, topic);
        }
    }

    /**
     * Removes {@code topic}'s route from the NameServers at {@code namesrvAddrs} (every configured one when null or
     * empty), for {@code clusterName}'s brokers or all when null.
     */
    public void deleteTopicInNameServer(Set<String> namesrvAddrs, String clusterName, String topic)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        for (String addr : nameServersOrAll(namesrvAddrs == null ? null : List.copyOf(namesrvAddrs))) {
            running().namesrvApi().deleteTopicInNamesrv(addr, topic, clusterName);
        }
    }

    /** Clears {@code brokerName}'s write permission on the NameServer at {@code namesrvAddr}; its topic count. */
    public int wipeWritePermOfBroker(String namesrvAddr, String brokerName)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException,
                    RemotingCommandException, MQClientException, InterruptedException {
        return running().namesrvApi().changeWritePermOfBroker(namesrvAddr, brokerName, true);
    }

    /** Restores {@code brokerName}'s write permission on the NameServer at {@code namesrvAddr}; its topic count. */
    public int addWritePermOfBroker(String namesrvAddr, String brokerName)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException,
                    RemotingCommandException, MQClientException, InterruptedException {
        return running().namesrvApi().changeWritePermOfBroker(namesrvAddr, brokerName, false);
    }

    /** RocketMQ's name for {@link #putKVConfig}. */
    public void createAndUpdateKvConfig(String namespace, String key, String value)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        putKVConfig(namespace, key, value);
    }

    /** RocketMQ's name for {@link #deleteKVConfig}. */
    public void deleteKvConfig(String namespace, String key)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        deleteKVConfig(namespace, key);
    }

    /**
     * Stores {@code topic}'s order config ({@code brokerName:queueNums;...}) in the NameServers' KV config
     * ({@code ORDER_TOPIC_CONFIG}), where producers of ordered messages read it; {@code isCluster} is accepted for
     * RocketMQ's signature: the value given is stored as is.
     */
    public void createOrUpdateOrderConf(String topic, String orderConf, boolean isCluster)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        putKVConfig(ORDER_TOPIC_CONFIG, topic, orderConf);
    }

    /** Has every master of {@code cluster} (of every cluster when null) drop consume queues of expired data. */
    public boolean cleanExpiredConsumerQueue(String cluster)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        for (String addr : mastersOf(cluster)) {
            cleanExpiredConsumerQueueByAddr(addr);
        }
        return true;
    }

    /** Has every master of {@code cluster} (of every cluster when null) drop the queues of deleted topics. */
    public boolean cleanUnusedTopic(String cluster)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        for (String addr : mastersOf(cluster)) {
            cleanUnusedTopicByAddr(addr);
        }
        return true;
    }

    /** Has every master of {@code cluster} (of every cluster when null) delete its expired commit-log files now. */
    public boolean deleteExpiredCommitLog(String cluster)
            throws RemotingConnectException, RemotingSendRequestException, RemotingTimeoutException, MQClientException,
                    InterruptedException {
        for (String addr : mastersOf(cluster)) {
            deleteExpiredCommitLogByAddr(addr);
        }
        return true;
    }

    /** Has consumer {@code clientId} of {@code group} consume the message {@code msgId} of {@code topic} once more. */
    public ConsumeMessageDirectlyResult consumeMessageDirectly(String group, String clientId, String topic,
            String msgId) throws RemotingException, MQClientException, InterruptedException, MQBrokerException {
        return consumeMessageDirectly(group, clientId, viewMessage(topic, msgId).getOffsetMsgId());
    }

    /** Moves {@code group}'s offsets of {@code topic} to {@code timestamp} on every broker, forced. */
    public void resetOffsetNew(String group, String topic, long timestamp)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        resetOffsetByTimestamp(topic, group, timestamp, true);
    }

    /**
     * As {@link #resetOffsetByTimestamp(String, String, long, boolean)}; {@code isC} (a C++ client) changes nothing.
     */
    public Map<MessageQueue, Long> resetOffsetByTimestamp(String topic, String group, long timestamp, boolean force,
            boolean isC) throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        return resetOffsetByTimestamp(topic, group, timestamp, force);
    }

    /** Sets {@code group}'s committed offset of {@code mq} on the broker at {@code brokerAddr}. */
    public void updateConsumeOffset(String brokerAddr, String group, MessageQueue mq, long offset)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        try {
            running().offsetApi().updateConsumerOffset(brokerAddr, group, mq, offset);
        } catch (RemotingException e) {
            throw new MQClientException("update consumer offset on broker " + brokerAddr + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Per queue of {@code topic}, on every master, the store times {@code group} has consumed between. */
    public List<QueueTimeSpan> queryConsumeTimeSpan(String topic, String group)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        List<QueueTimeSpan> spans = new ArrayList<>();
        for (String addr : BrokerAddresses.masters(route(topic))) {
            spans.addAll(admin().queryConsumeTimeSpan(addr, topic, group));
        }
        return spans;
    }

    /**
     * Has the broker holding the half message {@code offsetMsgId} check it back with its producer again (one moved
     * to {@code TRANS_CHECK_MAX_TIME_TOPIC} after {@code transactionCheckMax} checks, say); false when the broker
     * refuses (no such half message).
     */
    public boolean resumeCheckHalfMessage(String offsetMsgId)
            throws RemotingException, MQClientException, MQBrokerException, InterruptedException {
        String addr;
        try {
            addr = Channels.format(OffsetMessageId.decode(offsetMsgId).storeHost());
        } catch (IllegalArgumentException e) {
            throw new MQClientException(-1, e.getMessage() + ": give the half message's offset id, or its topic"
                    + " and client id");
        }
        try {
            admin().resumeCheckHalfMessage(addr, offsetMsgId);
            return true;
        } catch (MQBrokerException e) {
            return false;
        }
    }

    /** As {@link #resumeCheckHalfMessage(String)} for the message of {@code topic} with client or offset id. */
    public boolean resumeCheckHalfMessage(String topic, String msgId)
            throws RemotingException, MQClientException, InterruptedException, MQBrokerException {
        return resumeCheckHalfMessage(viewMessage(topic, msgId).getOffsetMsgId());
    }

    /** The topic that new topics' routes are created from; RocketMQ's default TBW102. */
    public String getCreateTopicKey() {
        return createTopicKey;
    }

    public void setCreateTopicKey(String createTopicKey) {
        this.createTopicKey = createTopicKey;
    }

    /** The group this admin reports itself in; RocketMQ's default {@code admin_ext_group}. */
    public String getAdminExtGroup() {
        return adminExtGroup;
    }

    public void setAdminExtGroup(String adminExtGroup) {
        this.adminExtGroup = adminExtGroup;
    }

    private List<String> mastersOf(String cluster) throws MQClientException, InterruptedException {
        ClusterInfo info = clusterInfo();
        if (cluster != null) {
            return BrokerAddresses.mastersOfCluster(info, cluster);
        }
        List<String> all = new ArrayList<>();
        for (String name : new TreeSet<>(info.clusterAddrTable().keySet())) {
            all.addAll(BrokerAddresses.mastersOfCluster(info, name));
        }
        return all;
    }

    private String masterOf(MessageQueue mq) throws MQClientException, InterruptedException {
        String addr = BrokerAddresses.master(route(mq.getTopic()), mq.getBrokerName());
        if (addr == null) {
            throw new MQClientException(-1, "The broker[" + mq.getBrokerName() + "] not exist");
        }
        return addr;
    }

    @Override
    protected MQClientInstance runningInstance() throws MQClientException {
        return running();
    }

    private MQClientInstance running() throws MQClientException {
        MQClientInstance i = instance;
        if (i == null) {
            throw new MQClientException(-1, "The admin is not started");
        }
        return i;
    }

    /** A broker call whose refusal RocketMQ's admin reports as an {@link MQClientException}, not a broker one. */
    private interface RefusableCall<T> {
        T call() throws MQClientException, MQBrokerException, InterruptedException;
    }

    /** Runs {@code call}, a broker's refusal rethrown as an {@link MQClientException} with its code and remark. */
    private static <T> T refusalAsClientException(RefusableCall<T> call) throws MQClientException,
            InterruptedException {
        try {
            return call.call();
        } catch (MQBrokerException e) {
            throw new MQClientException(e.getResponseCode(), e.getErrorMessage());
        }
    }

    private MQAdminImpl mqAdmin() throws MQClientException {
        return new MQAdminImpl(running());
    }

    private AdminApi admin() throws MQClientException {
        return running().adminApi();
    }
}
