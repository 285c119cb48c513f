package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.api.PullApi;
import io.apogee.client.impl.api.PullResult;
import io.apogee.client.impl.consumer.ConsumerKind;
import io.apogee.client.impl.consumer.ConsumerPuller;
import io.apogee.client.impl.consumer.PullTiming;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.remoting.exception.RemotingException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The running half of a {@link DefaultMQPullConsumer}: pulls go through the shared {@link ConsumerPuller} one at a
 * time as the application asks (no pull loop); the application keeps its offsets in the group's offset store, which
 * the client instance persists periodically and on shutdown. Topics registered with a listener are rebalanced
 * among the group and the listener is told of each change.
 */
final class PullConsumerEngine extends PullingConsumerInner implements Rebalancer.QueueOwner {

    private final DefaultMQPullConsumer config;
    private final MQClientInstance instance;
    private final OffsetStore offsetStore;
    private final Redelivery redelivery;
    private final Rebalancer rebalancer;
    /** Queues whose offsets the application set or read, persisted with the owned ones. */
    private final Set<MessageQueue> touched = ConcurrentHashMap.newKeySet();
    private final Set<MessageQueue> owned = ConcurrentHashMap.newKeySet();

    PullConsumerEngine(DefaultMQPullConsumer config, MQClientInstance instance) {
        super(config.getConsumerGroup(), new ConsumerPuller(ConsumerKind.LITE_PULL, new ConsumerPuller.Settings(
                config.getConsumerGroup(), config.getMessageModel(), ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET,
                null, 1, 0, 1, config.getLocalOffsetStoreDir(),
                PullTiming.litePull(config.getPullTimeDelayMillsWhenException()), config.isUnitMode()), instance,
                config.getOffsetStore()));
        this.config = config;
        this.instance = instance;
        this.offsetStore = puller.offsetStore();
        this.redelivery = new Redelivery(config.getConsumerGroup(), config.getNamespace(),
                config.getMaxReconsumeTimes(), instance);
        this.rebalancer = new Rebalancer(config.getConsumerGroup(), config.getMessageModel(),
                config.getAllocateMessageQueueStrategy(), Rebalancer.Membership.of(instance), this);
    }

    /** The client instance this consumer runs in. */
    MQClientInstance instance() {
        return instance;
    }

    void start() throws MQClientException {
        puller.start();
        config.getRegisterTopics().forEach(puller::subscribeAllIfAbsent);
        if (!instance.registerConsumer(this)) {
            puller.shutdown();
            throw new MQClientException(-1, "The consumer group[" + config.getConsumerGroup()
                    + "] has been created before, specify another name please.");
        }
        instance.start();
        if (!config.getRegisterTopics().isEmpty()) {
            config.getRegisterTopics().forEach(instance::updateTopicRoute);
            instance.sendHeartbeatToAllBrokers();
            instance.rebalanceImmediately();
        }
    }

    void shutdown() {
        persistConsumerOffset();
        puller.shutdown();
        instance.unregisterConsumer(config.getConsumerGroup());
        instance.shutdownIfUnused();
    }

    /** One pull; {@code suspendMillis} 0 answers at once, otherwise the broker may hold it that long. */
    PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums, long suspendMillis,
            long timeoutMillis) throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return puller.pullOnce(mq, subscription(mq, selector, offset, maxNums), offset, maxNums, suspendMillis,
                timeoutMillis);
    }

    void pullAsync(MessageQueue mq, MessageSelector selector, long offset, int maxNums, long suspendMillis,
            long timeoutMillis, PullCallback callback)
            throws MQClientException, RemotingException, InterruptedException {
        if (callback == null) {
            throw new MQClientException(-1, "pullCallback is null");
        }
        puller.pullOnceAsync(mq, subscription(mq, selector, offset, maxNums), offset, maxNums, suspendMillis,
                timeoutMillis, new PullApi.Callback() {
                    @Override
                    public void onSuccess(PullResult result) {
                        callback.onSuccess(result);
                    }

                    @Override
                    public void onException(Exception e) {
                        callback.onException(e);
                    }
                });
    }

    /**
     * RocketMQ's checks of a pull's arguments; the topic joins the heartbeat's subscriptions (as every message:
     * each pull carries its own filter, which the broker applies).
     */
    private SubscriptionData subscription(MessageQueue mq, MessageSelector selector, long offset, int maxNums)
            throws MQClientException {
        if (mq == null) {
            throw new MQClientException(-1, "mq is null");
        }
        if (offset < 0) {
            throw new MQClientException(-1, "offset < 0");
        }
        if (maxNums <= 0) {
            throw new MQClientException(-1, "maxNums <= 0");
        }
        puller.subscribeAllIfAbsent(mq.getTopic());
        MessageSelector chosen = selector == null ? MessageSelector.byTag(SubscriptionData.SUB_ALL) : selector;
        chosen.check();
        try {
            return chosen.subscription(mq.getTopic());
        } catch (RuntimeException e) {
            throw new MQClientException("parse subscription error", e);
        }
    }

    void updateConsumeOffset(MessageQueue mq, long offset) {
        touched.add(mq);
        offsetStore.updateOffset(mq, offset, false);
    }

    long fetchConsumeOffset(MessageQueue mq, boolean fromStore) {
        touched.add(mq);
        return offsetStore.readOffset(mq, fromStore ? ReadOffsetType.READ_FROM_STORE
                : ReadOffsetType.MEMORY_FIRST_THEN_STORE);
    }

    void persist(MessageQueue mq) {
        offsetStore.persist(mq);
    }

    /**
     * CONSUMER_SEND_MSG_BACK for {@code consumerGroup} (on the wire) to {@code brokerName}'s master, or to the broker
     * that stored {@code msg}.
     */
    void sendMessageBack(MessageExt msg, int delayLevel, String brokerName, String consumerGroup)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        redelivery.sendBack(msg, delayLevel, brokerName, consumerGroup);
    }

    Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException {
        return LitePullEngine.subscribeQueues(instance, topic);
    }

    Set<MessageQueue> fetchMessageQueuesInBalance(String topic) {
        return ownedQueues(topic);
    }

    @Override
    public Set<MessageQueue> ownedQueues(String topic) {
        return owned.stream().filter(mq -> mq.getTopic().equals(topic)).collect(Collectors.toSet());
    }

    @Override
    public boolean release(MessageQueue mq) {
        offsetStore.persist(mq);
        owned.remove(mq);
        return true;
    }

    @Override
    public boolean acquire(MessageQueue mq) {
        return owned.add(mq);
    }

    @Override
    Rebalancer rebalancer() {
        return rebalancer;
    }

    /** Rebalances the registered topics, telling the listener of each topic whose share changed. */
    @Override
    public void doRebalance() {
        Set<String> topics = config.getRegisterTopics();
        Map<String, Set<MessageQueue>> before = topics.stream()
                .collect(Collectors.toMap(t -> t, this::ownedQueues));
        rebalancer.rebalance(topics);
        MessageQueueListener listener = config.getMessageQueueListener();
        if (listener == null) {
            return;
        }
        before.forEach((topic, held) -> {
            Set<MessageQueue> now = ownedQueues(topic);
            if (!now.equals(held)) {
                listener.messageQueueChanged(topic, rebalancer.topicQueues(topic), now);
            }
        });
    }

    @Override
    public void persistConsumerOffset() {
        Set<MessageQueue> mqs = ConcurrentHashMap.newKeySet();
        mqs.addAll(owned);
        mqs.addAll(touched);
        offsetStore.persistAll(mqs);
    }

    @Override
    public void resetOffset(String topic, Map<MessageQueue, Long> offsets) {
        offsets.forEach((mq, offset) -> updateConsumeOffset(mq, offset));
    }
}
