package io.apogee.client.consumer;

import io.apogee.client.ClientConfig;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.MQAdminImpl;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueAveragely;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueStrategy;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQClientManager;
import io.apogee.client.impl.consumer.PullTiming;
import io.apogee.client.impl.consumer.StartOffsets;
import io.apogee.client.producer.TraceDispatcher;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.TopicValidator;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.route.BrokerData;
import io.apogee.remoting.RpcHook;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer the application drives: {@link #subscribe} (queues assigned by rebalancing) or {@link #assign} (queues
 * chosen by the caller), then {@link #poll()} in a loop. Offsets advance as messages are polled and are committed
 * automatically every {@code autoCommitIntervalMillis} or by {@link #commitSync()}.
 */
public class DefaultLitePullConsumer extends ClientConfig implements LitePullConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultLitePullConsumer.class);

    private String consumerGroup;
    private MessageModel messageModel = MessageModel.CLUSTERING;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    private String consumeTimestamp = LocalDateTime.now().minusMinutes(30).format(StartOffsets.TIMESTAMP_FORMAT);
    private AllocateMessageQueueStrategy allocateMessageQueueStrategy = new AllocateMessageQueueAveragely();
    private int pullBatchSize = 10;
    private int pullThreadNums = 20;
    private boolean autoCommit = true;
    private long autoCommitIntervalMillis = 5_000;
    private long pollTimeoutMillis = 5_000;
    private long pullThresholdForAll = 10_000;
    private int pullThresholdSizeForQueue = 100;
    private int consumeMaxSpan = 2_000;
    private int pullThresholdForQueue = 1_000;
    private final Map<String, MessageSelector> subscriptionsBeforeStart = new LinkedHashMap<>();
    private Set<MessageQueue> assignmentBeforeStart;
    private final Map<String, TopicMessageQueueChangeListener> queueListenersBeforeStart = new LinkedHashMap<>();
    private long topicMetadataCheckIntervalMillis = 30_000;
    private long consumerPullTimeoutMillis = 10_000;
    private long consumerTimeoutMillisWhenSuspend = PullTiming.LITE_CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND;
    private OffsetStore offsetStore;
    private volatile MessageQueueListener messageQueueListener;
    private final Map<String, String> subExpressionsForAssign = new ConcurrentHashMap<>();
    private volatile boolean connectBrokerByUser;
    private volatile long defaultBrokerId = BrokerData.MASTER_ID;
    private boolean enableMsgTrace;
    private String customizedTraceTopic;
    private volatile LitePullEngine engine;
    private volatile ConsumeTracer tracer;
    private final RpcHook rpcHook;

    public DefaultLitePullConsumer() {
        this("DEFAULT_CONSUMER");
    }

    public DefaultLitePullConsumer(String consumerGroup) {
        this(consumerGroup, null);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultLitePullConsumer(RpcHook rpcHook) {
        this("DEFAULT_CONSUMER", rpcHook);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultLitePullConsumer(String consumerGroup, RpcHook rpcHook) {
        this.consumerGroup = consumerGroup;
        this.rpcHook = rpcHook;
    }

    /** In {@code namespace} (topics and groups are {@code namespace%name} on the wire), signed by {@code rpcHook}. */
    public DefaultLitePullConsumer(String namespace, String consumerGroup, RpcHook rpcHook) {
        this(consumerGroup, rpcHook);
        setNamespace(namespace);
    }

    /** Joins the client instance; subscribe or assign before or after. */
    public synchronized void start() throws MQClientException {
        if (engine != null) {
            throw new MQClientException(-1, "consumer " + consumerGroup + " is already started");
        }
        consumerGroup = withNamespace(consumerGroup);
        String problem = TopicValidator.problemWith(consumerGroup);
        if (problem != null) {
            throw new MQClientException(-1, "invalid consumer group " + consumerGroup + ": " + problem);
        }
        if (consumerTimeoutMillisWhenSuspend <= getBrokerSuspendMaxTimeMillis()) {
            throw new MQClientException(-1, "consumerTimeoutMillisWhenSuspend " + consumerTimeoutMillisWhenSuspend
                    + " ms must be longer than brokerSuspendMaxTimeMillis " + getBrokerSuspendMaxTimeMillis()
                    + " ms, the time the broker may hold a pull; raise it (RocketMQ's default is 30000)");
        }
        if (messageModel == MessageModel.CLUSTERING) {
            changeInstanceNameToPID();
        }
        MQClientInstance instance = MQClientManager.getOrCreate(this, rpcHook);
        ConsumeTracer traced = enableMsgTrace ? new ConsumeTracer(consumerGroup, new TraceDispatcher(consumerGroup,
                TraceDispatcher.Type.CONSUME, customizedTraceTopic, rpcHook)) : null;
        LitePullEngine created = new LitePullEngine(this, instance, traced);
        created.pullFromBrokerId(connectBrokerByUser ? defaultBrokerId : null);
        if (traced != null) {
            traced.dispatcher().start(this);
        }
        try {
            created.start();
        } catch (MQClientException | RuntimeException e) {
            if (traced != null) {
                traced.dispatcher().shutdown();
            }
            throw e;
        }
        tracer = traced;
        engine = created;
        subscriptionsBeforeStart.forEach((topic, selector) -> created.subscribe(selector.subscription(topic)));
        if (assignmentBeforeStart != null) {
            created.assign(assignmentBeforeStart);
        }
        for (Map.Entry<String, TopicMessageQueueChangeListener> l : queueListenersBeforeStart.entrySet()) {
            try {
                created.registerQueueChangeListener(l.getKey(), l.getValue());
            } catch (MQClientException e) {
                LOG.warn("topic {} has no queues yet; its change listener is told once it has: {}", l.getKey(),
                        e.getErrorMessage());
            }
        }
    }

    /** Commits (when auto-committing), stops pulling and leaves the group. */
    public synchronized void shutdown() {
        LitePullEngine e = engine;
        if (e != null) {
            engine = null;
            e.shutdown();
        }
        ConsumeTracer t = tracer;
        if (t != null) {
            tracer = null;
            t.dispatcher().shutdown();
        }
    }

    /**
     * With {@code enableMsgTrace} (set before start), every pull that finds messages is traced as RocketMQ 4.9.8's
     * lite pull consumer traces it: {@code SubBefore} and at once a successful {@code SubAfter} record of each
     * message, to {@code customizedTraceTopic} or {@code RMQ_SYS_TRACE_TOPIC}.
     */
    public void setEnableMsgTrace(boolean enableMsgTrace) {
        this.enableMsgTrace = enableMsgTrace;
    }

    public boolean isEnableMsgTrace() {
        return enableMsgTrace;
    }

    /** The trace topic when tracing; {@code null} means {@code RMQ_SYS_TRACE_TOPIC}. */
    public void setCustomizedTraceTopic(String customizedTraceTopic) {
        this.customizedTraceTopic = customizedTraceTopic;
    }

    public String getCustomizedTraceTopic() {
        return customizedTraceTopic;
    }

    /** Subscribes to {@code topic} (before or after start); its queues are shared among the group by rebalancing. */
    public synchronized void subscribe(String topic, String subExpression) throws MQClientException {
        subscribe(topic, MessageSelector.byTag(subExpression));
    }

    /**
     * Subscribes to {@code topic} as {@link #subscribe(String, String)} does, and makes {@code listener} this
     * consumer's {@link #setMessageQueueListener MessageQueueListener}, as RocketMQ's does.
     */
    public synchronized void subscribe(String topic, String subExpression, MessageQueueListener listener)
            throws MQClientException {
        if (listener == null) {
            throw new MQClientException(-1, "messageQueueListener is null");
        }
        subscribe(topic, subExpression);
        messageQueueListener = listener;
    }

    /**
     * Subscribes to {@code topic} with a selector (before or after start): {@link MessageSelector#byTag}, or
     * {@link MessageSelector#bySql}, a property condition the broker evaluates; a pull the broker refuses (it does
     * not serve SQL92, or the condition does not compile) is logged with its reason and retried later.
     */
    public synchronized void subscribe(String topic, MessageSelector selector) throws MQClientException {
        String problem = TopicValidator.problemWith(topic);
        if (problem != null) {
            throw new MQClientException(-1, problem);
        }
        MessageSelector chosen = selector == null ? MessageSelector.byTag("*") : selector;
        chosen.check();
        String wrapped = withNamespace(topic);
        if (engine == null) {
            subscriptionsBeforeStart.put(wrapped, chosen);
        } else {
            engine.subscribe(chosen.subscription(wrapped));
        }
    }

    /**
     * The tag expression that filters {@code topic}'s assigned queues ({@code *} until set); takes effect at once
     * on queues already assigned.
     */
    public synchronized void setSubExpressionForAssign(String topic, String subExpression) {
        String wrapped = withNamespace(topic);
        String expression = subExpression == null || subExpression.isBlank() ? "*" : subExpression;
        subExpressionsForAssign.put(wrapped, expression);
        if (engine != null) {
            engine.assignExpression(wrapped, expression);
        }
    }

    /** The assign-mode tag expression of (namespaced) {@code topic}. */
    String subExpressionForAssign(String topic) {
        return subExpressionsForAssign.getOrDefault(topic, "*");
    }

    /**
     * Asks other NameServers from now on ({@code host:port;host:port}); before start, the same as
     * {@link #setNamesrvAddr}.
     *
     * @throws IllegalArgumentException when the list is empty or {@code ,}-separated
     */
    public synchronized void updateNameServerAddress(String namesrvAddr) {
        LitePullEngine e = engine;
        if (e != null) {
            e.instance().namesrvApi().namesrvs().update(namesrvAddr);
        }
        setNamesrvAddr(namesrvAddr);
    }

    /** Consumes exactly {@code queues} (before or after start), without rebalancing. */
    public synchronized void assign(Collection<MessageQueue> queues) {
        Set<MessageQueue> wrapped = Set.copyOf(queuesWithNamespace(queues));
        if (engine == null) {
            assignmentBeforeStart = wrapped;
        } else {
            engine.assign(wrapped);
        }
    }

    /**
     * The next pulled messages, waiting up to pollTimeoutMillis; empty when none arrived or the thread was
     * interrupted (its interrupt flag is set again).
     *
     * @throws IllegalStateException when the consumer is not started, as RocketMQ's
     */
    public List<MessageExt> poll() {
        return poll(pollTimeoutMillis);
    }

    /** As {@link #poll()}; the messages' topics are named as the app names them, without the namespace. */
    public List<MessageExt> poll(long timeout) {
        List<MessageExt> msgs;
        try {
            msgs = started().poll(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        for (MessageExt msg : msgs) {
            msg.setTopic(withoutNamespace(msg.getTopic()));
        }
        return msgs;
    }

    /** Continues {@code mq} at {@code offset}, dropping what was already pulled. */
    public void seek(MessageQueue mq, long offset) throws MQClientException {
        running().seek(queueWithNamespace(mq), offset);
    }

    /** Continues {@code mq} at its first stored message. */
    public void seekToBegin(MessageQueue mq) throws MQClientException {
        seek(mq, running().queueBound(queueWithNamespace(mq), true));
    }

    /** Continues {@code mq} after its last message. */
    public void seekToEnd(MessageQueue mq) throws MQClientException {
        seek(mq, running().queueBound(queueWithNamespace(mq), false));
    }

    /** Stops pulling {@code queues}, and poll returns none of their messages, until {@link #resume}. */
    public void pause(Collection<MessageQueue> queues) {
        started().setPaused(Set.copyOf(queuesWithNamespace(queues)), true);
    }

    public void resume(Collection<MessageQueue> queues) {
        started().setPaused(Set.copyOf(queuesWithNamespace(queues)), false);
    }

    /** Commits the offsets of everything polled so far and persists them. */
    public void commitSync() {
        started().commitAll();
    }

    /** Commits {@code offsets} (the next offset to consume, per owned queue; others ignored), persisting if asked. */
    public void commitSync(Map<MessageQueue, Long> offsets, boolean persist) {
        Map<MessageQueue, Long> wrapped = new HashMap<>();
        offsets.forEach((mq, offset) -> wrapped.put(queueWithNamespace(mq), offset));
        started().commit(wrapped, persist);
    }

    /** Commits what was polled so far of {@code queues} (owned ones), persisting if asked. */
    public void commit(Set<MessageQueue> queues, boolean persist) {
        started().commit(Set.copyOf(queuesWithNamespace(queues)), persist);
    }

    /** The offset of the first message of {@code mq} stored at or after {@code timestamp}. */
    public Long offsetForTimestamp(MessageQueue mq, Long timestamp) throws MQClientException {
        return new MQAdminImpl(running().instance()).searchOffset(queueWithNamespace(mq), timestamp);
    }

    /** The committed offset of {@code mq} (-1 when none). */
    public Long committed(MessageQueue mq) throws MQClientException {
        return running().committed(queueWithNamespace(mq));
    }

    /** The queues this consumer currently owns (named without the namespace). */
    public Set<MessageQueue> assignment() throws MQClientException {
        return new HashSet<>(queuesWithoutNamespace(running().assignment()));
    }

    /** The readable queues of {@code topic} (named, like the topic, without the namespace). */
    public Set<MessageQueue> fetchMessageQueues(String topic) throws MQClientException {
        return new HashSet<>(queuesWithoutNamespace(running().fetchMessageQueues(withNamespace(topic))));
    }

    /**
     * Tells {@code listener} whenever {@code topic}'s readable queues change, checked every
     * {@code topicMetadataCheckIntervalMillis} (not on registration: call {@link #fetchMessageQueues} for the
     * current ones); before or after start, one listener per topic (a second is ignored), as RocketMQ's.
     *
     * @throws MQClientException when the topic or listener is null, or (after start) the topic has no route yet;
     *                           the listener is then still told once the topic has queues
     */
    public synchronized void registerTopicMessageQueueChangeListener(String topic,
            TopicMessageQueueChangeListener listener) throws MQClientException {
        if (topic == null || listener == null) {
            throw new MQClientException(-1, "Topic or listener is null");
        }
        TopicMessageQueueChangeListener appNamed = (wrapped, queues) -> listener.onChanged(topic,
                new HashSet<>(queuesWithoutNamespace(queues)));
        if (engine == null) {
            queueListenersBeforeStart.putIfAbsent(withNamespace(topic), appNamed);
        } else {
            engine.registerQueueChangeListener(withNamespace(topic), appNamed);
        }
    }

    /** Drops the subscription to {@code topic} (before or after start); its queues are released. */
    public synchronized void unsubscribe(String topic) {
        String wrapped = withNamespace(topic);
        subscriptionsBeforeStart.remove(wrapped);
        if (engine != null) {
            engine.unsubscribe(wrapped);
        }
    }

    /** The started engine, or RocketMQ's IllegalStateException for the methods that declare no checked exception. */
    private LitePullEngine started() {
        LitePullEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("The consumer not running, please start it first.");
        }
        return e;
    }

    private LitePullEngine running() throws MQClientException {
        LitePullEngine e = engine;
        if (e == null) {
            throw new MQClientException(-1, "The consumer not running, please start it first.");
        }
        return e;
    }

    /** Period of the queue check for {@link #registerTopicMessageQueueChangeListener}; RocketMQ's default 30,000 ms. */
    public long getTopicMetadataCheckIntervalMillis() {
        return topicMetadataCheckIntervalMillis;
    }

    public void setTopicMetadataCheckIntervalMillis(long topicMetadataCheckIntervalMillis) {
        this.topicMetadataCheckIntervalMillis = topicMetadataCheckIntervalMillis;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }

    public String getConsumeTimestamp() {
        return consumeTimestamp;
    }

    public void setConsumeTimestamp(String consumeTimestamp) {
        this.consumeTimestamp = consumeTimestamp;
    }

    public AllocateMessageQueueStrategy getAllocateMessageQueueStrategy() {
        return allocateMessageQueueStrategy;
    }

    public void setAllocateMessageQueueStrategy(AllocateMessageQueueStrategy allocateMessageQueueStrategy) {
        this.allocateMessageQueueStrategy = allocateMessageQueueStrategy;
    }

    public int getPullBatchSize() {
        return pullBatchSize;
    }

    public void setPullBatchSize(int pullBatchSize) {
        this.pullBatchSize = pullBatchSize;
    }

    public int getPullThreadNums() {
        return pullThreadNums;
    }

    public void setPullThreadNums(int pullThreadNums) {
        this.pullThreadNums = pullThreadNums;
    }

    public boolean isAutoCommit() {
        return autoCommit;
    }

    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    public long getAutoCommitIntervalMillis() {
        return autoCommitIntervalMillis;
    }

    public void setAutoCommitIntervalMillis(long autoCommitIntervalMillis) {
        this.autoCommitIntervalMillis = autoCommitIntervalMillis;
    }

    public long getPollTimeoutMillis() {
        return pollTimeoutMillis;
    }

    public void setPollTimeoutMillis(long pollTimeoutMillis) {
        this.pollTimeoutMillis = pollTimeoutMillis;
    }

    /**
     * Messages pulled and not yet polled, over every queue, above which pulling pauses (counted as whole
     * batches of {@code pullBatchSize}); RocketMQ's default 10,000.
     */
    public long getPullThresholdForAll() {
        return pullThresholdForAll;
    }

    public void setPullThresholdForAll(long pullThresholdForAll) {
        this.pullThresholdForAll = pullThresholdForAll;
    }

    /** MiB of one queue's messages pulled and not yet committed above which it is not pulled; RocketMQ's 100. */
    public int getPullThresholdSizeForQueue() {
        return pullThresholdSizeForQueue;
    }

    public void setPullThresholdSizeForQueue(int pullThresholdSizeForQueue) {
        this.pullThresholdSizeForQueue = pullThresholdSizeForQueue;
    }

    /** Offset span of one queue's pulled, uncommitted messages above which it is not pulled; RocketMQ's 2000. */
    public int getConsumeMaxSpan() {
        return consumeMaxSpan;
    }

    public void setConsumeMaxSpan(int consumeMaxSpan) {
        this.consumeMaxSpan = consumeMaxSpan;
    }

    /** How long the broker may hold a pull that finds nothing, in ms (RocketMQ's 20,000). */
    public long getBrokerSuspendMaxTimeMillis() {
        return PullTiming.LITE_BROKER_SUSPEND_MAX_TIME_MILLIS;
    }

    /**
     * The RPC timeout of a pull the broker may hold ({@code brokerSuspendMaxTimeMillis}), in ms; read at start,
     * longer than the hold. RocketMQ's default 30,000.
     */
    public long getConsumerTimeoutMillisWhenSuspend() {
        return consumerTimeoutMillisWhenSuspend;
    }

    public void setConsumerTimeoutMillisWhenSuspend(long consumerTimeoutMillisWhenSuspend) {
        this.consumerTimeoutMillisWhenSuspend = consumerTimeoutMillisWhenSuspend;
    }

    /**
     * RocketMQ's RPC timeout of a pull the broker answers at once (default 10,000 ms). This consumer's pulls all
     * long-poll, so, as in RocketMQ 4.9.8, none uses it; kept for RocketMQ's API.
     */
    public long getConsumerPullTimeoutMillis() {
        return consumerPullTimeoutMillis;
    }

    public void setConsumerPullTimeoutMillis(long consumerPullTimeoutMillis) {
        this.consumerPullTimeoutMillis = consumerPullTimeoutMillis;
    }

    /** The running consumer's offset store; before start, the one {@link #setOffsetStore} gave (or null). */
    public OffsetStore getOffsetStore() {
        LitePullEngine e = engine;
        return e != null ? e.offsetStore() : offsetStore;
    }

    /** An offset store of the app's own, used from {@link #start()} on instead of the model's default. */
    public void setOffsetStore(OffsetStore offsetStore) {
        this.offsetStore = offsetStore;
    }

    /** The app's offset store given before start, or null: what the engine starts with. */
    OffsetStore customOffsetStore() {
        return offsetStore;
    }

    public MessageQueueListener getMessageQueueListener() {
        return messageQueueListener;
    }

    /**
     * Told after each rebalance, for each subscribed topic whose queues this consumer owns changed, of the topic's
     * queues and this consumer's share (both as on the wire, namespaced). Unlike RocketMQ's, setting it does not
     * replace the consumer's own queue handling, which goes on either way.
     */
    public void setMessageQueueListener(MessageQueueListener messageQueueListener) {
        this.messageQueueListener = messageQueueListener;
    }

    public boolean isConnectBrokerByUser() {
        return connectBrokerByUser;
    }

    /**
     * Pull every queue from broker id {@link #getDefaultBrokerId()} of its broker group (true), or from the broker
     * each pull answer suggests (false, the default); takes effect at once.
     */
    public synchronized void setConnectBrokerByUser(boolean connectBrokerByUser) {
        this.connectBrokerByUser = connectBrokerByUser;
        applyBrokerChoice();
    }

    public long getDefaultBrokerId() {
        return defaultBrokerId;
    }

    /** The broker id pulls go to with {@code connectBrokerByUser}: 0 (the master, the default) or a slave's id. */
    public synchronized void setDefaultBrokerId(long defaultBrokerId) {
        this.defaultBrokerId = defaultBrokerId;
        applyBrokerChoice();
    }

    private void applyBrokerChoice() {
        LitePullEngine e = engine;
        if (e != null) {
            e.pullFromBrokerId(connectBrokerByUser ? defaultBrokerId : null);
        }
    }

    /** This consumer's trace dispatcher while started with {@code enableMsgTrace}; otherwise null. */
    public TraceDispatcher getTraceDispatcher() {
        ConsumeTracer t = tracer;
        return t == null ? null : t.dispatcher();
    }

    /** Whether {@link #start()} has run and {@link #shutdown()} not yet. */
    public boolean isRunning() {
        return engine != null;
    }

    public int getPullThresholdForQueue() {
        return pullThresholdForQueue;
    }

    public void setPullThresholdForQueue(int pullThresholdForQueue) {
        this.pullThresholdForQueue = pullThresholdForQueue;
    }
}
