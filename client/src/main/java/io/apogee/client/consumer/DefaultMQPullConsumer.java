package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.MQAdminClient;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueAveragely;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueStrategy;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQClientManager;
import io.apogee.client.impl.api.PullResult;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.TopicValidator;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RocketMQ 4.9's pull consumer, for applications moved from it: the application chooses the queue and the offset of
 * every pull ({@link #pull}, or {@link #pullBlockIfNotFound}, which the broker holds until a message arrives) and
 * keeps its offsets with {@link #updateConsumeOffset} / {@link #fetchConsumeOffset}; the offsets are persisted (to
 * the broker when clustering, to a local file when broadcasting) periodically and on shutdown. Topics given to
 * {@link #registerMessageQueueListener} are divided among the group and the listener is told of this consumer's
 * share.
 *
 * @deprecated as in RocketMQ 4.9: use {@link DefaultLitePullConsumer}
 */
@Deprecated
public class DefaultMQPullConsumer extends MQAdminClient implements MQPullConsumer {

    /** RocketMQ's {@code brokerSuspendMaxTimeMillis}: how long the broker holds a pullBlockIfNotFound. */
    public static final long DEFAULT_BROKER_SUSPEND_MAX_TIME_MILLIS = 20_000;
    /** RocketMQ's {@code consumerTimeoutMillisWhenSuspend}: the RPC timeout of a held pull. */
    public static final long DEFAULT_CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND = 30_000;
    /** RocketMQ's {@code consumerPullTimeoutMillis}: the RPC timeout of a pull answered at once. */
    public static final long DEFAULT_CONSUMER_PULL_TIMEOUT_MILLIS = 10_000;

    private String consumerGroup;
    private long brokerSuspendMaxTimeMillis = DEFAULT_BROKER_SUSPEND_MAX_TIME_MILLIS;
    private long consumerTimeoutMillisWhenSuspend = DEFAULT_CONSUMER_TIMEOUT_MILLIS_WHEN_SUSPEND;
    private long consumerPullTimeoutMillis = DEFAULT_CONSUMER_PULL_TIMEOUT_MILLIS;
    private MessageModel messageModel = MessageModel.CLUSTERING;
    private MessageQueueListener messageQueueListener;
    private OffsetStore offsetStore;
    private Set<String> registerTopics = ConcurrentHashMap.newKeySet();
    private AllocateMessageQueueStrategy allocateMessageQueueStrategy = new AllocateMessageQueueAveragely();
    private int maxReconsumeTimes = 16;
    private final RpcHook rpcHook;
    private volatile PullConsumerEngine engine;

    public DefaultMQPullConsumer() {
        this("DEFAULT_CONSUMER", (RpcHook) null);
    }

    public DefaultMQPullConsumer(String consumerGroup) {
        this(consumerGroup, (RpcHook) null);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultMQPullConsumer(RpcHook rpcHook) {
        this("DEFAULT_CONSUMER", rpcHook);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public DefaultMQPullConsumer(String consumerGroup, RpcHook rpcHook) {
        this.consumerGroup = consumerGroup;
        this.rpcHook = rpcHook;
    }

    /** In {@code namespace}: its topics and groups are {@code namespace%name} on the wire. */
    public DefaultMQPullConsumer(String namespace, String consumerGroup) {
        this(namespace, consumerGroup, null);
    }

    public DefaultMQPullConsumer(String namespace, String consumerGroup, RpcHook rpcHook) {
        this(consumerGroup, rpcHook);
        setNamespace(namespace);
    }

    /** Joins the client instance (heartbeats, routes, offset persistence). */
    public synchronized void start() throws MQClientException {
        if (engine != null) {
            throw new MQClientException(-1, "consumer " + consumerGroup + " is already started");
        }
        consumerGroup = withNamespace(consumerGroup);
        String problem = TopicValidator.problemWith(consumerGroup);
        if (problem != null) {
            throw new MQClientException(-1, "invalid consumer group " + consumerGroup + ": " + problem);
        }
        if (messageModel == MessageModel.CLUSTERING) {
            changeInstanceNameToPID();
        }
        PullConsumerEngine created = new PullConsumerEngine(this, MQClientManager.getOrCreate(this, rpcHook));
        created.start();
        engine = created;
    }

    /** Persists the offsets and leaves the group. */
    public synchronized void shutdown() {
        PullConsumerEngine e = engine;
        if (e != null) {
            engine = null;
            e.shutdown();
        }
    }

    /** The readable queues of {@code topic}, from its route. */
    public Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException {
        return new HashSet<>(queuesWithoutNamespace(running().fetchSubscribeMessageQueues(withNamespace(topic))));
    }

    /** The queues of a registered topic this consumer owns after the last rebalance. */
    public Set<MessageQueue> fetchMessageQueuesInBalance(String topic) throws MQClientException {
        return new HashSet<>(queuesWithoutNamespace(running().fetchMessageQueuesInBalance(withNamespace(topic))));
    }

    /**
     * Up to {@code maxNums} messages of {@code mq} from {@code offset} matching the tag expression
     * {@code subExpression} ({@code "*"}: all), answered at once: NO_NEW_MSG when there is none yet.
     */
    public PullResult pull(MessageQueue mq, String subExpression, long offset, int maxNums)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return pull(mq, subExpression, offset, maxNums, consumerPullTimeoutMillis);
    }

    public PullResult pull(MessageQueue mq, String subExpression, long offset, int maxNums, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return pull(mq, MessageSelector.byTag(subExpression), offset, maxNums, timeout);
    }

    /**
     * Like {@link #pull(MessageQueue, String, long, int)} with a selector: {@link MessageSelector#byTag} or
     * {@link MessageSelector#bySql} (which the broker evaluates; it must have {@code enablePropertyFilter=true}).
     */
    public PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return pull(mq, selector, offset, maxNums, consumerPullTimeoutMillis);
    }

    public PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return appView(running().pull(queueWithNamespace(mq), selector, offset, maxNums, 0, timeout));
    }

    /** {@link #pull} answered on a remoting callback thread. */
    public void pull(MessageQueue mq, String subExpression, long offset, int maxNums, PullCallback pullCallback)
            throws MQClientException, RemotingException, InterruptedException {
        pull(mq, subExpression, offset, maxNums, pullCallback, consumerPullTimeoutMillis);
    }

    public void pull(MessageQueue mq, String subExpression, long offset, int maxNums, PullCallback pullCallback,
            long timeout) throws MQClientException, RemotingException, InterruptedException {
        pull(mq, MessageSelector.byTag(subExpression), offset, maxNums, pullCallback, timeout);
    }

    /** {@link #pull(MessageQueue, MessageSelector, long, int)} answered on a remoting callback thread. */
    public void pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums, PullCallback pullCallback)
            throws MQClientException, RemotingException, InterruptedException {
        pull(mq, selector, offset, maxNums, pullCallback, consumerPullTimeoutMillis);
    }

    public void pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums, PullCallback pullCallback,
            long timeout) throws MQClientException, RemotingException, InterruptedException {
        running().pullAsync(queueWithNamespace(mq), selector, offset, maxNums, 0, timeout, appView(pullCallback));
    }

    /**
     * Like {@link #pull}, but when nothing is there yet the broker holds the pull up to brokerSuspendMaxTimeMillis
     * and answers as soon as a message arrives.
     */
    public PullResult pullBlockIfNotFound(MessageQueue mq, String subExpression, long offset, int maxNums)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return appView(running().pull(queueWithNamespace(mq), MessageSelector.byTag(subExpression), offset, maxNums,
                brokerSuspendMaxTimeMillis, consumerTimeoutMillisWhenSuspend));
    }

    /** {@link #pullBlockIfNotFound} answered on a remoting callback thread. */
    public void pullBlockIfNotFound(MessageQueue mq, String subExpression, long offset, int maxNums,
            PullCallback pullCallback) throws MQClientException, RemotingException, InterruptedException {
        running().pullAsync(queueWithNamespace(mq), MessageSelector.byTag(subExpression), offset, maxNums,
                brokerSuspendMaxTimeMillis, consumerTimeoutMillisWhenSuspend, appView(pullCallback));
    }

    /** Sets the group's offset of {@code mq} in memory; it is persisted periodically, on shutdown or by persist. */
    public void updateConsumeOffset(MessageQueue mq, long offset) throws MQClientException {
        running().updateConsumeOffset(queueWithNamespace(mq), offset);
    }

    /**
     * The group's offset of {@code mq}: with {@code fromStore} as persisted (the broker's when clustering),
     * otherwise the in-memory one if set; -1 when none is stored.
     */
    public long fetchConsumeOffset(MessageQueue mq, boolean fromStore) throws MQClientException {
        return running().fetchConsumeOffset(queueWithNamespace(mq), fromStore);
    }

    /**
     * Persists the offset of {@code mq} now.
     *
     * @throws IllegalStateException when the consumer is not started (no checked exception, as RocketMQ's)
     */
    public void persist(MessageQueue mq) {
        PullConsumerEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("The consumer not running, please start it first.");
        }
        e.persist(queueWithNamespace(mq));
    }

    /** Hands a message this consumer failed back to the broker that stored it, to be retried after delayLevel. */
    public void sendMessageBack(MessageExt msg, int delayLevel)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        sendMessageBack(msg, delayLevel, null);
    }

    /** {@link #sendMessageBack(MessageExt, int)} through {@code brokerName}'s master. */
    public void sendMessageBack(MessageExt msg, int delayLevel, String brokerName)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        sendMessageBack(msg, delayLevel, brokerName, null);
    }

    /**
     * {@link #sendMessageBack(MessageExt, int, String)} on behalf of {@code consumerGroup} (in this consumer's
     * namespace; null: this consumer's group): the message is retried in that group's retry topic.
     */
    public void sendMessageBack(MessageExt msg, int delayLevel, String brokerName, String consumerGroup)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        running().sendMessageBack(msg, delayLevel, brokerName,
                consumerGroup == null ? getConsumerGroup() : withNamespace(consumerGroup));
    }

    /**
     * Divides {@code topic}'s queues among the group (before start) and tells {@code listener} of this
     * consumer's share; one listener serves every registered topic, as in RocketMQ.
     */
    public void registerMessageQueueListener(String topic, MessageQueueListener listener) {
        registerTopics.add(withNamespace(topic));
        if (listener != null) {
            messageQueueListener = listener;
        }
    }

    /** {@code result} with its messages' topics as the app names them, without the namespace. */
    private PullResult appView(PullResult result) {
        if (result.getMsgFoundList() != null) {
            for (MessageExt msg : result.getMsgFoundList()) {
                msg.setTopic(withoutNamespace(msg.getTopic()));
            }
        }
        return result;
    }

    private PullCallback appView(PullCallback callback) {
        return new PullCallback() {
            @Override
            public void onSuccess(PullResult pullResult) {
                callback.onSuccess(appView(pullResult));
            }

            @Override
            public void onException(Throwable e) {
                callback.onException(e);
            }
        };
    }

    @Override
    protected MQClientInstance runningInstance() throws MQClientException {
        return running().instance();
    }

    private PullConsumerEngine running() throws MQClientException {
        PullConsumerEngine e = engine;
        if (e == null) {
            throw new MQClientException(-1, "The consumer not running, please start it first.");
        }
        return e;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public long getBrokerSuspendMaxTimeMillis() {
        return brokerSuspendMaxTimeMillis;
    }

    public void setBrokerSuspendMaxTimeMillis(long brokerSuspendMaxTimeMillis) {
        this.brokerSuspendMaxTimeMillis = brokerSuspendMaxTimeMillis;
    }

    public long getConsumerTimeoutMillisWhenSuspend() {
        return consumerTimeoutMillisWhenSuspend;
    }

    public void setConsumerTimeoutMillisWhenSuspend(long consumerTimeoutMillisWhenSuspend) {
        this.consumerTimeoutMillisWhenSuspend = consumerTimeoutMillisWhenSuspend;
    }

    public long getConsumerPullTimeoutMillis() {
        return consumerPullTimeoutMillis;
    }

    public void setConsumerPullTimeoutMillis(long consumerPullTimeoutMillis) {
        this.consumerPullTimeoutMillis = consumerPullTimeoutMillis;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public MessageQueueListener getMessageQueueListener() {
        return messageQueueListener;
    }

    public void setMessageQueueListener(MessageQueueListener messageQueueListener) {
        this.messageQueueListener = messageQueueListener;
    }

    /** The application's offset store, or {@code null} (the default) for the message model's own. */
    public OffsetStore getOffsetStore() {
        return offsetStore;
    }

    public void setOffsetStore(OffsetStore offsetStore) {
        this.offsetStore = offsetStore;
    }

    public Set<String> getRegisterTopics() {
        return registerTopics;
    }

    public void setRegisterTopics(Set<String> registerTopics) {
        Set<String> topics = ConcurrentHashMap.newKeySet();
        topics.addAll(registerTopics == null ? new HashSet<>() : registerTopics);
        this.registerTopics = topics;
    }

    public AllocateMessageQueueStrategy getAllocateMessageQueueStrategy() {
        return allocateMessageQueueStrategy;
    }

    public void setAllocateMessageQueueStrategy(AllocateMessageQueueStrategy allocateMessageQueueStrategy) {
        this.allocateMessageQueueStrategy = allocateMessageQueueStrategy;
    }

    public int getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(int maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }
}
