package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.MQAdminClient;
import io.apogee.client.consumer.listener.MessageListener;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueAveragely;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueStrategy;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQClientManager;
import io.apogee.client.impl.consumer.StartOffsets;
import io.apogee.client.producer.TraceDispatcher;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.TopicValidator;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingException;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer the library drives: it pulls (long polling) from the queues its group assigns it and calls the
 * registered listener, concurrently or in queue order. Subscribe, register a listener, {@link #start()};
 * {@link #shutdown()} persists offsets and leaves the group.
 */
public class DefaultMQPushConsumer extends MQAdminClient implements MQPushConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultMQPushConsumer.class);

    private String consumerGroup;
    private MessageModel messageModel = MessageModel.CLUSTERING;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    private String consumeTimestamp = LocalDateTime.now().minusMinutes(30).format(StartOffsets.TIMESTAMP_FORMAT);
    private AllocateMessageQueueStrategy allocateMessageQueueStrategy = new AllocateMessageQueueAveragely();
    private final Map<String, MessageSelector> subscription = new LinkedHashMap<>();
    private MessageListener messageListener;
    private OffsetStore offsetStore;
    private int consumeThreadMin = 20;
    private int consumeThreadMax = 20;
    private int consumeConcurrentlyMaxSpan = 2000;
    /** Volatile: the rebalance thread writes the topic thresholds' share here ({@link #shareTopicThresholds}). */
    private volatile int pullThresholdForQueue = 1000;
    private volatile int pullThresholdSizeForQueue = 100;
    private volatile int pullThresholdForTopic = -1;
    private volatile int pullThresholdSizeForTopic = -1;
    private boolean postSubscriptionWhenPull;
    private long adjustThreadPoolNumsThreshold = 100_000;
    private long pullInterval;
    private int consumeMessageBatchMaxSize = 1;
    private int pullBatchSize = 32;
    private int maxReconsumeTimes = -1;
    private long suspendCurrentQueueTimeMillis = 1000;
    private long consumeTimeout = 15;
    private long awaitTerminationMillisWhenShutdown;
    private long lockInterval = Long.getLong("rocketmq.client.rebalance.lockInterval", 20_000);
    private volatile PushConsumerEngine engine;
    private final RpcHook rpcHook;
    private final ConsumeTracer consumeTracer;

    public DefaultMQPushConsumer() {
        this("DEFAULT_CONSUMER");
    }

    public DefaultMQPushConsumer(String consumerGroup) {
        this(consumerGroup, (RpcHook) null);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultMQPushConsumer(RpcHook rpcHook) {
        this("DEFAULT_CONSUMER", rpcHook);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultMQPushConsumer(String consumerGroup, RpcHook rpcHook) {
        this(consumerGroup, rpcHook, new AllocateMessageQueueAveragely(), false, null);
    }

    /** With {@code enableMsgTrace}, every consumption is traced to {@code RMQ_SYS_TRACE_TOPIC} (see below). */
    public DefaultMQPushConsumer(String consumerGroup, boolean enableMsgTrace) {
        this(consumerGroup, null, new AllocateMessageQueueAveragely(), enableMsgTrace, null);
    }

    /**
     * With {@code enableMsgTrace}, each call of the listener is recorded (RocketMQ's {@code SubBefore} and
     * {@code SubAfter} trace records of each message) in {@code customizedTraceTopic}, or {@code RMQ_SYS_TRACE_TOPIC}
     * when it is null: asynchronously, never holding up or failing consumption.
     */
    public DefaultMQPushConsumer(String consumerGroup, boolean enableMsgTrace, String customizedTraceTopic) {
        this(consumerGroup, null, new AllocateMessageQueueAveragely(), enableMsgTrace, customizedTraceTopic);
    }

    /** In {@code namespace}: its topics and groups are {@code namespace%name} on the wire. */
    public DefaultMQPushConsumer(String namespace, String consumerGroup) {
        this(namespace, consumerGroup, null, new AllocateMessageQueueAveragely());
    }

    public DefaultMQPushConsumer(String namespace, String consumerGroup, RpcHook rpcHook) {
        this(namespace, consumerGroup, rpcHook, new AllocateMessageQueueAveragely());
    }

    /** {@code rpcHook} runs on every request; queues allocated by {@code strategy}. */
    public DefaultMQPushConsumer(String consumerGroup, RpcHook rpcHook, AllocateMessageQueueStrategy strategy) {
        this(consumerGroup, rpcHook, strategy, false, null);
    }

    public DefaultMQPushConsumer(String namespace, String consumerGroup, RpcHook rpcHook,
            AllocateMessageQueueStrategy strategy) {
        this(namespace, consumerGroup, rpcHook, strategy, false, null);
    }

    /** In {@code namespace}, with a hook, an allocation strategy and tracing as below. */
    public DefaultMQPushConsumer(String namespace, String consumerGroup, RpcHook rpcHook,
            AllocateMessageQueueStrategy strategy, boolean enableMsgTrace, String customizedTraceTopic) {
        this(consumerGroup, rpcHook, strategy, enableMsgTrace, customizedTraceTopic);
        setNamespace(namespace);
    }

    /** {@code rpcHook} runs on every request, traces too; queues allocated by {@code strategy}; tracing as above. */
    public DefaultMQPushConsumer(String consumerGroup, RpcHook rpcHook, AllocateMessageQueueStrategy strategy,
            boolean enableMsgTrace, String customizedTraceTopic) {
        this.consumerGroup = consumerGroup;
        this.rpcHook = rpcHook;
        this.allocateMessageQueueStrategy = strategy;
        this.consumeTracer = enableMsgTrace ? new ConsumeTracer(consumerGroup, new TraceDispatcher(consumerGroup,
                TraceDispatcher.Type.CONSUME, customizedTraceTopic, rpcHook)) : null;
    }

    /** Subscribes to {@code topic}: {@code *} (or null) for every message, else tags joined by {@code ||}. */
    public void subscribe(String topic, String subExpression) throws MQClientException {
        String problem = TopicValidator.problemWith(topic);
        if (problem != null) {
            throw new MQClientException(-1, problem);
        }
        subscription.put(withNamespace(topic), MessageSelector.byTag(subExpression == null ? "*" : subExpression));
    }

    /**
     * RocketMQ's class filter mode, which runs the given Java class on RocketMQ's filter servers. Apogee has no
     * filter servers (RocketMQ 4.9 retired them), so this always fails; filter with {@link MessageSelector#bySql}.
     *
     * @throws MQClientException always
     * @deprecated as in RocketMQ 4.9
     */
    @Deprecated
    public void subscribe(String topic, String fullClassName, String filterClassSource) throws MQClientException {
        throw new MQClientException(-1, "class filter mode (filter class " + fullClassName + " for topic " + topic
                + ") needs RocketMQ's filter servers, which Apogee does not run; subscribe with "
                + "MessageSelector.bySql(...) instead");
    }

    /**
     * Subscribes to {@code topic} with a selector: {@link MessageSelector#byTag} as above, or
     * {@link MessageSelector#bySql} (a property condition the broker evaluates; {@link #start()} fails when the
     * broker does not serve it or it does not compile, with the broker's reason).
     */
    public void subscribe(String topic, MessageSelector selector) throws MQClientException {
        if (selector == null) {
            subscribe(topic, "*");
            return;
        }
        String problem = TopicValidator.problemWith(topic);
        if (problem != null) {
            throw new MQClientException(-1, problem);
        }
        selector.check();
        subscription.put(withNamespace(topic), selector);
    }

    /** Removes a subscription made before {@link #start()}. */
    public void unsubscribe(String topic) {
        subscription.remove(withNamespace(topic));
    }

    /**
     * Replaces the subscriptions made before {@link #start()} by {@code subscription}: topic to tag expression
     * ({@code *} or tags joined by {@code ||}).
     */
    public void setSubscription(Map<String, String> subscription) {
        this.subscription.clear();
        subscription.forEach((topic, expression) -> this.subscription.put(withNamespace(topic),
                MessageSelector.byTag(expression == null ? "*" : expression)));
    }

    /** The listener: a {@link MessageListenerConcurrently} or a {@link MessageListenerOrderly}. */
    public void setMessageListener(MessageListener messageListener) {
        this.messageListener = messageListener;
    }

    /**
     * RocketMQ's deprecated untyped registration: {@code listener} must be concurrent or orderly ({@link #start()}
     * refuses any other).
     *
     * @deprecated register a {@link MessageListenerConcurrently} or {@link MessageListenerOrderly}
     */
    @Deprecated
    public void registerMessageListener(MessageListener listener) {
        this.messageListener = listener;
    }

    public void registerMessageListener(MessageListenerConcurrently listener) {
        this.messageListener = listener;
    }

    public void registerMessageListener(MessageListenerOrderly listener) {
        this.messageListener = listener;
    }

    /**
     * Joins the client instance, starts pulling and consuming.
     *
     * @throws MQClientException when already started, misconfigured, or the group already runs in this instance
     */
    public synchronized void start() throws MQClientException {
        if (engine != null) {
            throw new MQClientException(-1, "consumer " + consumerGroup + " is already started");
        }
        consumerGroup = withNamespace(consumerGroup);
        checkConfig();
        if (messageModel == MessageModel.CLUSTERING) {
            changeInstanceNameToPID();
        }
        MQClientInstance instance = MQClientManager.getOrCreate(this, rpcHook);
        PushConsumerEngine created = new PushConsumerEngine(this, instance);
        if (consumeTracer != null) {
            consumeTracer.dispatcher().start(this);
        }
        try {
            created.start();
        } catch (MQClientException | RuntimeException e) {
            if (consumeTracer != null) {
                consumeTracer.dispatcher().shutdown();
            }
            throw e;
        }
        engine = created;
        LOG.info("push consumer {} started in client {}, subscriptions {}", consumerGroup, instance.clientId(),
                subscription);
    }

    /** Stops pulling, waits up to awaitTerminationMillisWhenShutdown for consumption, persists offsets, leaves. */
    public synchronized void shutdown() {
        PushConsumerEngine e = engine;
        if (e == null) {
            return;
        }
        engine = null;
        e.shutdown();
        if (consumeTracer != null) {
            consumeTracer.dispatcher().shutdown();
        }
        LOG.info("push consumer {} shut down", consumerGroup);
    }

    /** Stops pulling new messages (messages already pulled are still consumed). */
    public void suspend() {
        PushConsumerEngine e = engine;
        if (e != null) {
            e.setPaused(true);
        }
    }

    /**
     * Resizes the running consumer's thread pool to keep {@code corePoolSize} threads (RocketMQ's
     * {@code updateCorePoolSize}); ignored unless positive and below {@code consumeThreadMax}.
     *
     * @throws IllegalStateException before {@link #start()}: set {@code consumeThreadMin} instead
     */
    public void updateCorePoolSize(int corePoolSize) {
        PushConsumerEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("consumer " + consumerGroup
                    + " is not started; set consumeThreadMin before start() instead");
        }
        e.updateCorePoolSize(corePoolSize);
    }

    /** Resumes pulling after {@link #suspend()}. */
    public void resume() {
        PushConsumerEngine e = engine;
        if (e != null) {
            e.setPaused(false);
        }
    }

    /** The readable queues of {@code topic} (named, like the topic, without the namespace). */
    public Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException {
        PushConsumerEngine e = engine;
        if (e == null) {
            throw new MQClientException(-1, "consumer " + consumerGroup + " is not started");
        }
        Set<MessageQueue> queues = e.fetchSubscribeMessageQueues(withNamespace(topic));
        if (queues.isEmpty()) {
            throw new MQClientException(17, "Can not find Message Queue for this topic, " + topic);
        }
        return new HashSet<>(queuesWithoutNamespace(queues));
    }

    /**
     * Hands {@code msg}, which this consumer consumed, back to the broker that stored it for redelivery after
     * {@code delayLevel} (0: the broker's choice), or to its dead-letter topic once retried maxReconsumeTimes.
     */
    public void sendMessageBack(MessageExt msg, int delayLevel)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        sendMessageBack(msg, delayLevel, null);
    }

    /** {@link #sendMessageBack(MessageExt, int)} through {@code brokerName}'s master. */
    public void sendMessageBack(MessageExt msg, int delayLevel, String brokerName)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        PushConsumerEngine e = engine;
        if (e == null) {
            throw new MQClientException(-1, "consumer " + consumerGroup + " is not started");
        }
        e.sendMessageBack(msg, delayLevel, brokerName);
    }

    @Override
    protected MQClientInstance runningInstance() throws MQClientException {
        PushConsumerEngine e = engine;
        if (e == null) {
            throw new MQClientException(-1, "consumer " + consumerGroup + " is not started");
        }
        return e.instance();
    }

    /** Traces this consumer's consumptions; {@code null} when not traced. */
    ConsumeTracer consumeTracer() {
        return consumeTracer;
    }

    /** The dispatcher of this consumer's traces ({@code null} without {@code enableMsgTrace}), as RocketMQ's. */
    public TraceDispatcher getTraceDispatcher() {
        return consumeTracer == null ? null : consumeTracer.dispatcher();
    }

    private void checkConfig() throws MQClientException {
        String problem = TopicValidator.problemWith(consumerGroup);
        if (problem != null) {
            throw new MQClientException(-1, "invalid consumer group " + consumerGroup + ": " + problem);
        }
        if (messageListener == null) {
            throw new MQClientException(-1, "messageListener is null");
        }
        if (!(messageListener instanceof MessageListenerConcurrently)
                && !(messageListener instanceof MessageListenerOrderly)) {
            throw new MQClientException(-1, "messageListener must be an instanceof MessageListenerOrderly or "
                    + "MessageListenerConcurrently");
        }
        if (subscription.isEmpty()) {
            throw new MQClientException(-1, "no subscription: call subscribe(topic, expression) before start()");
        }
        if (consumeThreadMin < 1 || consumeThreadMax < consumeThreadMin || consumeMessageBatchMaxSize < 1
                || pullBatchSize < 1 || pullThresholdForQueue < 1) {
            throw new MQClientException(-1, "invalid settings: consumeThreadMin " + consumeThreadMin
                    + ", consumeThreadMax " + consumeThreadMax + ", consumeMessageBatchMaxSize "
                    + consumeMessageBatchMaxSize + ", pullBatchSize " + pullBatchSize + " and pullThresholdForQueue "
                    + pullThresholdForQueue + " must each be at least 1, and consumeThreadMin <= consumeThreadMax");
        }
        if (pullThresholdForTopic != -1 && (pullThresholdForTopic < 1 || pullThresholdForTopic > 6_553_500)) {
            throw new MQClientException(-1, "pullThresholdForTopic Out of range [1, 6553500] (or -1 for none): "
                    + pullThresholdForTopic);
        }
        if (pullThresholdSizeForTopic != -1 && (pullThresholdSizeForTopic < 1
                || pullThresholdSizeForTopic > 1_024_000)) {
            throw new MQClientException(-1, "pullThresholdSizeForTopic Out of range [1, 1024000] (or -1 for none): "
                    + pullThresholdSizeForTopic);
        }
    }

    /**
     * RocketMQ's topic-wide flow control: with {@code pullThresholdForTopic} or {@code pullThresholdSizeForTopic}
     * set (not -1), each of the {@code ownedQueues} queues this consumer owns gets an equal share, at least 1,
     * written into {@code pullThresholdForQueue} or {@code pullThresholdSizeForQueue} (which then read the share).
     */
    void shareTopicThresholds(int ownedQueues) {
        if (ownedQueues <= 0) {
            return;
        }
        if (pullThresholdForTopic != -1) {
            pullThresholdForQueue = Math.max(1, pullThresholdForTopic / ownedQueues);
        }
        if (pullThresholdSizeForTopic != -1) {
            pullThresholdSizeForQueue = Math.max(1, pullThresholdSizeForTopic / ownedQueues);
        }
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

    /** Start time for {@link ConsumeFromWhere#CONSUME_FROM_TIMESTAMP}, {@code yyyyMMddHHmmss}. */
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

    /** Topic to subscription expression (a copy). */
    public Map<String, String> getSubscription() {
        Map<String, String> expressions = new LinkedHashMap<>();
        subscription.forEach((topic, selector) -> expressions.put(topic, selector.getExpression()));
        return expressions;
    }

    /** Topic to selector. */
    Map<String, MessageSelector> selectors() {
        return subscription;
    }

    public MessageListener getMessageListener() {
        return messageListener;
    }

    public OffsetStore getOffsetStore() {
        return offsetStore;
    }

    /** Replaces the default offset store (broker-side when clustering, a local file when broadcasting). */
    public void setOffsetStore(OffsetStore offsetStore) {
        this.offsetStore = offsetStore;
    }

    public int getConsumeThreadMin() {
        return consumeThreadMin;
    }

    public void setConsumeThreadMin(int consumeThreadMin) {
        this.consumeThreadMin = consumeThreadMin;
    }

    public int getConsumeThreadMax() {
        return consumeThreadMax;
    }

    public void setConsumeThreadMax(int consumeThreadMax) {
        this.consumeThreadMax = consumeThreadMax;
    }

    public int getConsumeConcurrentlyMaxSpan() {
        return consumeConcurrentlyMaxSpan;
    }

    public void setConsumeConcurrentlyMaxSpan(int consumeConcurrentlyMaxSpan) {
        this.consumeConcurrentlyMaxSpan = consumeConcurrentlyMaxSpan;
    }

    public int getPullThresholdForQueue() {
        return pullThresholdForQueue;
    }

    public void setPullThresholdForQueue(int pullThresholdForQueue) {
        this.pullThresholdForQueue = pullThresholdForQueue;
    }

    /** Cached message bytes per queue, in MiB, above which pulling pauses. */
    public int getPullThresholdSizeForQueue() {
        return pullThresholdSizeForQueue;
    }

    public void setPullThresholdSizeForQueue(int pullThresholdSizeForQueue) {
        this.pullThresholdSizeForQueue = pullThresholdSizeForQueue;
    }

    public int getPullThresholdForTopic() {
        return pullThresholdForTopic;
    }

    /**
     * At most this many pulled, unconsumed messages over all the queues this consumer owns, shared equally between
     * them (see {@code pullThresholdForQueue}); -1, the default, for no topic-wide limit. 1 to 6,553,500.
     */
    public void setPullThresholdForTopic(int pullThresholdForTopic) {
        this.pullThresholdForTopic = pullThresholdForTopic;
    }

    public int getPullThresholdSizeForTopic() {
        return pullThresholdSizeForTopic;
    }

    /** Like {@link #setPullThresholdForTopic}, in MiB of message bodies; -1, the default, for none. 1 to 1,024,000. */
    public void setPullThresholdSizeForTopic(int pullThresholdSizeForTopic) {
        this.pullThresholdSizeForTopic = pullThresholdSizeForTopic;
    }

    public boolean isPostSubscriptionWhenPull() {
        return postSubscriptionWhenPull;
    }

    /**
     * RocketMQ's switch for sending the subscription with each pull (default false: its broker then uses the
     * heartbeat's). Apogee's consumers send it with every pull either way, so a pull that overtakes the first
     * heartbeat is still filtered right; the value is kept for RocketMQ's API.
     */
    public void setPostSubscriptionWhenPull(boolean postSubscriptionWhenPull) {
        this.postSubscriptionWhenPull = postSubscriptionWhenPull;
    }

    public long getAdjustThreadPoolNumsThreshold() {
        return adjustThreadPoolNumsThreshold;
    }

    /** Kept for RocketMQ's API (default 100,000); RocketMQ 4.9.8 does not use it either. */
    public void setAdjustThreadPoolNumsThreshold(long adjustThreadPoolNumsThreshold) {
        this.adjustThreadPoolNumsThreshold = adjustThreadPoolNumsThreshold;
    }

    public long getPullInterval() {
        return pullInterval;
    }

    public void setPullInterval(long pullInterval) {
        this.pullInterval = pullInterval;
    }

    public int getConsumeMessageBatchMaxSize() {
        return consumeMessageBatchMaxSize;
    }

    public void setConsumeMessageBatchMaxSize(int consumeMessageBatchMaxSize) {
        this.consumeMessageBatchMaxSize = consumeMessageBatchMaxSize;
    }

    public int getPullBatchSize() {
        return pullBatchSize;
    }

    public void setPullBatchSize(int pullBatchSize) {
        this.pullBatchSize = pullBatchSize;
    }

    /** Redeliveries before a message goes to the DLQ; -1 means 16. */
    public int getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(int maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    public long getSuspendCurrentQueueTimeMillis() {
        return suspendCurrentQueueTimeMillis;
    }

    public void setSuspendCurrentQueueTimeMillis(long suspendCurrentQueueTimeMillis) {
        this.suspendCurrentQueueTimeMillis = suspendCurrentQueueTimeMillis;
    }

    /** Minutes a message may stay in consumption before it is sent back for redelivery. */
    public long getConsumeTimeout() {
        return consumeTimeout;
    }

    public void setConsumeTimeout(long consumeTimeout) {
        this.consumeTimeout = consumeTimeout;
    }

    public long getAwaitTerminationMillisWhenShutdown() {
        return awaitTerminationMillisWhenShutdown;
    }

    public void setAwaitTerminationMillisWhenShutdown(long awaitTerminationMillisWhenShutdown) {
        this.awaitTerminationMillisWhenShutdown = awaitTerminationMillisWhenShutdown;
    }

    /** How often an orderly consumer renews its queue locks. */
    public long getLockInterval() {
        return lockInterval;
    }

    public void setLockInterval(long lockInterval) {
        this.lockInterval = lockInterval;
    }
}
