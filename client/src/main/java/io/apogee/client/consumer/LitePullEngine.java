package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.TopicPublishInfo;
import io.apogee.client.impl.consumer.ConsumerKind;
import io.apogee.client.impl.consumer.ConsumerPuller;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.client.impl.consumer.PullRequest;
import io.apogee.client.impl.consumer.PullThresholds;
import io.apogee.client.impl.consumer.PullTiming;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.remoting.exception.RemotingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running half of a {@link DefaultLitePullConsumer}: each owned queue is pulled through the shared
 * {@link ConsumerPuller}, whose answers fill a buffer that {@code poll} drains; offsets advance in memory as
 * messages are polled and reach the store on commit.
 */
final class LitePullEngine extends PullingConsumerInner implements Rebalancer.QueueOwner {

    private record Batch(OwnedQueue owned, List<MessageExt> msgs) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LitePullEngine.class);

    private final DefaultLitePullConsumer config;
    private final MQClientInstance instance;
    private final OffsetStore offsetStore;
    private final PullThresholds thresholds;
    private final Map<MessageQueue, OwnedQueue> owned = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Batch> buffer = new LinkedBlockingQueue<>();
    private final Rebalancer rebalancer;
    private final TopicQueueWatch queueWatch;
    private volatile boolean assignMode;
    private volatile long nextAutoCommit;
    private final ConsumeTracer tracer;

    /** @param tracer traces each pull that finds messages; {@code null} when not traced */
    LitePullEngine(DefaultLitePullConsumer config, MQClientInstance instance, ConsumeTracer tracer) {
        super(config.getConsumerGroup(), new ConsumerPuller(ConsumerKind.LITE_PULL, new ConsumerPuller.Settings(
                config.getConsumerGroup(), config.getMessageModel(), config.getConsumeFromWhere(),
                config.getConsumeTimestamp(), config.getPullBatchSize(), 0, config.getPullThreadNums(),
                config.getLocalOffsetStoreDir(),
                PullTiming.litePull(config.getPullTimeDelayMillsWhenException(),
                        config.getBrokerSuspendMaxTimeMillis(), config.getConsumerTimeoutMillisWhenSuspend()),
                config.isUnitMode()), instance, config.customOffsetStore()));
        this.config = config;
        this.instance = instance;
        this.tracer = tracer;
        this.offsetStore = puller.offsetStore();
        this.thresholds = PullThresholds.of(config.getPullThresholdForQueue(),
                config.getPullThresholdSizeForQueue(), config.getConsumeMaxSpan());
        this.rebalancer = new Rebalancer(config.getConsumerGroup(), config.getMessageModel(),
                config.getAllocateMessageQueueStrategy(), Rebalancer.Membership.of(instance), this);
        this.queueWatch = new TopicQueueWatch(config.getConsumerGroup(), this::fetchMessageQueues,
                config.getTopicMetadataCheckIntervalMillis());
    }

    void start() throws MQClientException {
        puller.start();
        if (!instance.registerConsumer(this)) {
            puller.shutdown();
            throw new MQClientException(-1, "The consumer group[" + config.getConsumerGroup()
                    + "] has been created before, specify another name please.");
        }
        instance.start();
        nextAutoCommit = System.currentTimeMillis() + config.getAutoCommitIntervalMillis();
        queueWatch.start();
    }

    void shutdown() {
        queueWatch.close();
        puller.shutdown();
        if (config.isAutoCommit()) {
            commitAll();
        }
        owned.values().forEach(o -> o.processQueue().setDropped(true));
        instance.unregisterConsumer(config.getConsumerGroup());
        instance.shutdownIfUnused();
    }

    void subscribe(SubscriptionData subscription) {
        String topic = subscription.getTopic();
        puller.subscribe(subscription);
        instance.updateTopicRoute(topic);
        instance.sendHeartbeatToAllBrokers();
        instance.rebalanceImmediately();
    }

    /** Replaces the owned queues with {@code queues}; no rebalancing from now on. */
    void assign(Set<MessageQueue> queues) {
        assignMode = true;
        queues.forEach(mq -> puller.subscribeIfAbsent(SubscriptionData.ofTags(mq.getTopic(),
                config.subExpressionForAssign(mq.getTopic()))));
        for (MessageQueue mq : Set.copyOf(owned.keySet())) {
            if (!queues.contains(mq)) {
                release(mq);
            }
        }
        for (MessageQueue mq : queues) {
            if (!owned.containsKey(mq)) {
                instance.updateTopicRoute(mq.getTopic());
                acquire(mq);
            }
        }
    }

    /** Takes the next buffered batch, waiting up to {@code timeoutMillis}; auto-commits when due. */
    List<MessageExt> poll(long timeoutMillis) throws InterruptedException {
        if (config.isAutoCommit() && System.currentTimeMillis() >= nextAutoCommit) {
            commitAll();
            nextAutoCommit = System.currentTimeMillis() + config.getAutoCommitIntervalMillis();
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (long left = timeoutMillis; left > 0; left = deadline - System.currentTimeMillis()) {
            Batch batch = buffer.poll(left, TimeUnit.MILLISECONDS);
            if (batch == null) {
                break;
            }
            OwnedQueue o = batch.owned;
            if (o.processQueue().isDropped() || owned.get(o.messageQueue()) != o) {
                continue;
            }
            if (o.paused) {
                synchronized (o.parked) {
                    o.parked.add(batch);
                }
                continue;
            }
            long offset = o.processQueue().removeMessages(batch.msgs);
            if (offset >= 0) {
                o.consumedOffset = offset;
            }
            return batch.msgs;
        }
        return List.of();
    }

    /** Moves the next pull of {@code mq} to {@code offset}, discarding what was buffered. */
    void seek(MessageQueue mq, long offset) throws MQClientException {
        OwnedQueue current = owned.get(mq);
        if (current == null) {
            throw new MQClientException(-1, "The message queue is not in assigned list, " + mq);
        }
        OwnedQueue fresh = new OwnedQueue(mq, offset);
        fresh.paused = current.paused;
        current.processQueue().setDropped(true);
        owned.put(mq, fresh);
        puller.pullNow(fresh);
    }

    /** Pausing stops pulls and holds back what was pulled; resuming releases it to poll again. */
    void setPaused(Set<MessageQueue> queues, boolean paused) {
        queues.forEach(mq -> {
            OwnedQueue o = owned.get(mq);
            if (o != null) {
                o.paused = paused;
                if (!paused) {
                    synchronized (o.parked) {
                        buffer.addAll(o.parked);
                        o.parked.clear();
                    }
                }
            }
        });
    }

    /** Stores (and persists) the offsets of everything handed out by poll so far. */
    void commitAll() {
        owned.forEach((mq, o) -> {
            if (o.consumedOffset >= 0) {
                offsetStore.updateOffset(mq, o.consumedOffset, false);
            }
        });
        offsetStore.persistAll(owned.keySet());
    }

    /** Stores {@code offsets} of the owned queues among them (others are ignored), persisting them if asked. */
    void commit(Map<MessageQueue, Long> offsets, boolean persist) {
        Set<MessageQueue> committed = new HashSet<>();
        offsets.forEach((mq, offset) -> {
            if (offset != null && owned.containsKey(mq)) {
                offsetStore.updateOffset(mq, offset, false);
                committed.add(mq);
            }
        });
        if (persist) {
            offsetStore.persistAll(committed);
        }
    }

    /** Stores the offsets polled so far of the owned queues among {@code queues}, persisting them if asked. */
    void commit(Set<MessageQueue> queues, boolean persist) {
        Map<MessageQueue, Long> offsets = new HashMap<>();
        for (MessageQueue mq : queues) {
            OwnedQueue o = owned.get(mq);
            if (o != null && o.consumedOffset >= 0) {
                offsets.put(mq, o.consumedOffset);
            }
        }
        commit(offsets, persist);
    }

    /** Drops the subscription to {@code topic} and releases its queues (their offsets committed). */
    void unsubscribe(String topic) {
        puller.subscribedTopics().remove(topic);
        for (MessageQueue mq : Set.copyOf(owned.keySet())) {
            if (mq.getTopic().equals(topic)) {
                release(mq);
            }
        }
        instance.sendHeartbeatToAllBrokers();
    }

    /** The client instance this consumer runs in. */
    MQClientInstance instance() {
        return instance;
    }

    /** Filters the pulls of assigned {@code topic} by {@code expression} from now on (RocketMQ reads it per pull). */
    void assignExpression(String topic, String expression) {
        if (assignMode && puller.subscribedTopics().contains(topic)) {
            puller.subscribe(SubscriptionData.ofTags(topic, expression));
        }
    }

    /** See {@link ConsumerPuller#pullFromBrokerId}. */
    void pullFromBrokerId(Long brokerId) {
        puller.pullFromBrokerId(brokerId);
    }

    OffsetStore offsetStore() {
        return offsetStore;
    }

    /** The committed offset of {@code mq}. */
    long committed(MessageQueue mq) {
        return offsetStore.readOffset(mq, ReadOffsetType.MEMORY_FIRST_THEN_STORE);
    }

    /** See {@link TopicQueueWatch#register}. */
    void registerQueueChangeListener(String topic, TopicMessageQueueChangeListener listener)
            throws MQClientException {
        queueWatch.register(topic, listener);
    }

    Set<MessageQueue> assignment() {
        return Set.copyOf(owned.keySet());
    }

    /** The readable queues of {@code topic}, fetching its route first. */
    Set<MessageQueue> fetchMessageQueues(String topic) throws MQClientException {
        return subscribeQueues(instance, topic);
    }

    /** The readable queues of {@code topic}, fetching its route first (the pull consumer asks it too). */
    static Set<MessageQueue> subscribeQueues(MQClientInstance instance, String topic) throws MQClientException {
        instance.updateTopicRoute(topic);
        TopicRouteData route = instance.route(topic);
        if (route == null) {
            throw new MQClientException(17, "Can not find Message Queue for this topic, " + topic);
        }
        return TopicPublishInfo.subscribeQueues(topic, route);
    }

    /** The first ({@code min}) or one past the last offset stored in {@code mq}, asked of its master. */
    long queueBound(MessageQueue mq, boolean min) throws MQClientException {
        String addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), BrokerData.MASTER_ID);
        if (addr == null) {
            throw new MQClientException(-1, "The broker[" + mq.getBrokerName() + "] not exist");
        }
        try {
            return min ? instance.offsetApi().getMinOffset(addr, mq) : instance.offsetApi().getMaxOffset(addr, mq);
        } catch (RemotingException | MQBrokerException e) {
            throw new MQClientException("offset bounds of " + mq + " unavailable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MQClientException("interrupted", e);
        }
    }

    @Override
    public Set<MessageQueue> ownedQueues(String topic) {
        return owned.keySet().stream().filter(mq -> mq.getTopic().equals(topic)).collect(Collectors.toSet());
    }

    @Override
    public boolean release(MessageQueue mq) {
        OwnedQueue o = owned.remove(mq);
        if (o != null) {
            o.processQueue().setDropped(true);
            if (o.consumedOffset >= 0) {
                offsetStore.updateOffset(mq, o.consumedOffset, false);
            }
            offsetStore.persist(mq);
            offsetStore.removeOffset(mq);
        }
        return true;
    }

    @Override
    public boolean acquire(MessageQueue mq) {
        OwnedQueue o = new OwnedQueue(mq, -1);
        if (owned.putIfAbsent(mq, o) != null) {
            return false;
        }
        puller.pullNow(o);
        return true;
    }

    @Override
    Rebalancer rebalancer() {
        return rebalancer;
    }

    /** Rebalances the subscribed topics, telling the app's {@link MessageQueueListener} of each changed share. */
    @Override
    public void doRebalance() {
        if (assignMode) {
            return;
        }
        MessageQueueListener listener = config.getMessageQueueListener();
        // a snapshot: a topic subscribed meanwhile is rebalanced (and reported) next time, not unreported now
        Set<String> topics = Set.copyOf(puller.subscribedTopics());
        Map<String, Set<MessageQueue>> before = listener == null ? Map.of()
                : topics.stream().collect(Collectors.toMap(t -> t, this::ownedQueues));
        rebalancer.rebalance(topics);
        before.forEach((topic, held) -> {
            Set<MessageQueue> now = ownedQueues(topic);
            if (!now.equals(held)) {
                try {
                    listener.messageQueueChanged(topic, rebalancer.topicQueues(topic), now);
                } catch (RuntimeException e) {
                    LOG.warn("MessageQueueListener of group {} failed for topic {}", config.getConsumerGroup(),
                            topic, e);
                }
            }
        });
    }

    @Override
    public void persistConsumerOffset() {
        offsetStore.persistAll(owned.keySet());
    }

    @Override
    public void resetOffset(String topic, Map<MessageQueue, Long> offsets) {
        offsets.forEach((mq, offset) -> {
            offsetStore.updateOffset(mq, offset, false);
            if (owned.containsKey(mq)) {
                try {
                    seek(mq, offset);
                } catch (MQClientException e) {
                    LOG.debug("reset of {} raced with a rebalance: {}", mq, e.getMessage());
                }
            }
        });
    }

    /**
     * One owned queue: its pulls, what they buffered, and what poll handed out. Pulling waits while the queue is
     * paused or over its threshold, or while the whole buffer is over pullThresholdForAll.
     */
    private final class OwnedQueue extends PullRequest {

        /** Batches pulled before a pause, held back from poll until resume. */
        final List<Batch> parked = new ArrayList<>();
        volatile long consumedOffset;
        volatile boolean paused;

        /** @param offset where to start, or -1 for the stored / configured start offset */
        OwnedQueue(MessageQueue mq, long offset) {
            super(mq, new ProcessQueue(), offset);
            this.consumedOffset = offset;
        }

        @Override
        protected Hold hold() {
            if (paused) {
                return Hold.PAUSED;
            }
            boolean bufferFull = buffer.size() * (long) config.getPullBatchSize() > config.getPullThresholdForAll();
            return bufferFull || thresholds.exceededBy(processQueue()) ? Hold.LOCAL_FLOW_CONTROL : Hold.NONE;
        }

        @Override
        protected void onMessages(List<MessageExt> messages) {
            processQueue().putMessages(messages);
            buffer.add(new Batch(this, messages));
            if (tracer != null) {
                tracer.after(tracer.before(messages), true, ConsumeTracer.SUCCESS);
            }
        }

        @Override
        protected void onNothingToConsume(long nextBeginOffset) {
            if (processQueue().messageCount() == 0) {
                consumedOffset = nextBeginOffset;
            }
        }

        @Override
        protected void onOffsetIllegal(long nextBeginOffset) {
            nextOffset(nextBeginOffset);
            onNothingToConsume(nextBeginOffset);
        }
    }
}
