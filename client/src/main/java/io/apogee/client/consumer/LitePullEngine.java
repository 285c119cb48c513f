package io.apogee.client.consumer;

import io.apogee.client.MQClientException;
import io.apogee.client.consumer.store.LocalFileOffsetStore;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.client.consumer.store.RemoteBrokerOffsetStore;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQConsumerInner;
import io.apogee.client.impl.api.PullApi;
import io.apogee.client.impl.api.PullResult;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.common.concurrent.NamedThreadFactory;
import io.apogee.common.message.StoredMessage;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.route.BrokerData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running half of a {@link DefaultLitePullConsumer}: each owned queue has one long-polling pull in flight at
 * a time (asynchronous, so idle queues hold no thread), whose answers fill a buffer that {@code poll} drains; offsets advance in memory as messages are polled and reach the store on commit.
 */
final class LitePullEngine implements MQConsumerInner, Rebalancer.QueueOwner {

    /** One owned queue: its buffer, where the next pull reads, and what was handed out by poll. */
    static final class OwnedQueue {
        final ProcessQueue pq = new ProcessQueue();
        /** Batches pulled before a pause, held back from poll until resume. */
        final List<Batch> parked = new ArrayList<>();
        volatile long pullOffset = -1;
        volatile long consumedOffset = -1;
        volatile boolean paused;
    }

    private record Batch(MessageQueue mq, OwnedQueue owned, List<StoredMessage> msgs) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LitePullEngine.class);
    private static final long BROKER_SUSPEND_MILLIS = 20_000;
    private static final long PULL_TIMEOUT_MILLIS = 30_000;
    private static final long DELAY_WHEN_EXCEPTION = 1_000;
    private static final long DELAY_WHEN_FLOW_CONTROL = 50;

    private final DefaultLitePullConsumer config;
    private final MQClientInstance instance;
    private final Map<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private final Map<MessageQueue, OwnedQueue> owned = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Batch> buffer = new LinkedBlockingQueue<>();
    private final OffsetStore offsetStore;
    private final Rebalancer rebalancer;
    private final ScheduledThreadPoolExecutor pullExecutor;
    private volatile boolean assignMode;
    private volatile long nextAutoCommit;

    LitePullEngine(DefaultLitePullConsumer config, MQClientInstance instance) {
        this.config = config;
        this.instance = instance;
        this.offsetStore = config.getMessageModel() == MessageModel.CLUSTERING
                ? new RemoteBrokerOffsetStore(instance, config.getConsumerGroup())
                : new LocalFileOffsetStore(Path.of(config.getLocalOffsetStoreDir()), instance.clientId(),
                        config.getConsumerGroup());
        this.rebalancer = new Rebalancer(config.getConsumerGroup(), config.getMessageModel(),
                config.getAllocateMessageQueueStrategy(), instance, this);
        this.pullExecutor = new ScheduledThreadPoolExecutor(config.getPullThreadNums(),
                new NamedThreadFactory("ApogeeLitePull_" + config.getConsumerGroup(), true));
    }

    void start() throws MQClientException {
        offsetStore.load();
        if (!instance.registerConsumer(this)) {
            pullExecutor.shutdownNow();
            throw new MQClientException(-1, "The consumer group[" + config.getConsumerGroup()
                    + "] has been created before, specify another name please.");
        }
        instance.start();
        nextAutoCommit = System.currentTimeMillis() + config.getAutoCommitIntervalMillis();
    }

    void shutdown() {
        pullExecutor.shutdownNow();
        if (config.isAutoCommit()) {
            commitAll();
        }
        owned.values().forEach(o -> o.pq.setDropped(true));
        instance.unregisterConsumer(config.getConsumerGroup());
        instance.shutdownIfUnused();
    }

    void subscribe(String topic, String expression) {
        subscriptions.put(topic, SubscriptionData.ofTags(topic, expression));
        instance.updateTopicRoute(topic);
        instance.sendHeartbeatToAllBrokers();
        instance.rebalanceImmediately();
    }

    /** Replaces the owned queues with {@code queues}; no rebalancing from now on. */
    void assign(Set<MessageQueue> queues) {
        assignMode = true;
        for (MessageQueue mq : queues) {
            subscriptions.putIfAbsent(mq.getTopic(), SubscriptionData.ofTags(mq.getTopic(), SubscriptionData.SUB_ALL));
        }
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
    List<StoredMessage> poll(long timeoutMillis) throws InterruptedException {
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
            if (batch.owned.pq.isDropped() || owned.get(batch.mq) != batch.owned) {
                continue;
            }
            if (batch.owned.paused) {
                synchronized (batch.owned.parked) {
                    batch.owned.parked.add(batch);
                }
                continue;
            }
            long offset = batch.owned.pq.removeMessages(batch.msgs);
            if (offset >= 0) {
                batch.owned.consumedOffset = offset;
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
        OwnedQueue fresh = new OwnedQueue();
        fresh.pullOffset = offset;
        fresh.consumedOffset = offset;
        fresh.paused = current.paused;
        current.pq.setDropped(true);
        owned.put(mq, fresh);
        schedulePull(mq, fresh, 0);
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

    /** The committed offset of {@code mq}. */
    long committed(MessageQueue mq) {
        return offsetStore.readOffset(mq, ReadOffsetType.MEMORY_FIRST_THEN_STORE);
    }

    @Override
    public Set<MessageQueue> ownedQueues(String topic) {
        return owned.keySet().stream().filter(mq -> mq.getTopic().equals(topic)).collect(Collectors.toSet());
    }

    @Override
    public boolean release(MessageQueue mq) {
        OwnedQueue o = owned.remove(mq);
        if (o != null) {
            o.pq.setDropped(true);
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
        OwnedQueue o = new OwnedQueue();
        if (owned.putIfAbsent(mq, o) != null) {
            return false;
        }
        schedulePull(mq, o, 0);
        return true;
    }

    private void schedulePull(MessageQueue mq, OwnedQueue o, long delayMillis) {
        try {
            pullExecutor.schedule(() -> pullOnce(mq, o), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("pull of {} not scheduled: shutting down", mq);
        }
    }

    private void pullOnce(MessageQueue mq, OwnedQueue o) {
        if (o.pq.isDropped() || owned.get(mq) != o) {
            return;
        }
        if (o.paused || buffer.size() * (long) config.getPullBatchSize() > config.getPullThresholdForAll()
                || o.pq.messageCount() > config.getPullThresholdForQueue()) {
            schedulePull(mq, o, DELAY_WHEN_FLOW_CONTROL);
            return;
        }
        if (o.pullOffset < 0) {
            o.pullOffset = StartOffsets.compute(instance, offsetStore, config.getConsumeFromWhere(),
                    config.getConsumeTimestamp(), mq);
            if (o.pullOffset < 0) {
                schedulePull(mq, o, DELAY_WHEN_EXCEPTION);
                return;
            }
        }
        String addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), BrokerData.MASTER_ID);
        SubscriptionData subscription = subscriptions.get(mq.getTopic());
        if (addr == null || subscription == null) {
            instance.updateTopicRoute(mq.getTopic());
            schedulePull(mq, o, DELAY_WHEN_EXCEPTION);
            return;
        }
        try {
            instance.pullApi().pullAsync(addr, header(mq, o.pullOffset, subscription), PULL_TIMEOUT_MILLIS,
                    new PullApi.Callback() {
                        @Override
                        public void onSuccess(PullResult result) {
                            onPulled(mq, o, subscription, result);
                            schedulePull(mq, o, 0);
                        }

                        @Override
                        public void onException(Exception e) {
                            LOG.debug("lite pull of {} from {} failed: {}", mq, addr, e.getMessage());
                            schedulePull(mq, o, DELAY_WHEN_EXCEPTION);
                        }
                    });
        } catch (RemotingException e) {
            LOG.debug("lite pull of {} from {} not sent: {}", mq, addr, e.getMessage());
            schedulePull(mq, o, DELAY_WHEN_EXCEPTION);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onPulled(MessageQueue mq, OwnedQueue o, SubscriptionData subscription, PullResult result) {
        if (o.pq.isDropped() || owned.get(mq) != o) {
            return;
        }
        List<StoredMessage> msgs = new ArrayList<>();
        for (StoredMessage m : result.messages()) {
            if (subscription.matchesTag(m.getTags())) {
                msgs.add(m);
            }
        }
        o.pullOffset = result.nextBeginOffset();
        if (!msgs.isEmpty()) {
            o.pq.putMessages(msgs);
            buffer.add(new Batch(mq, o, msgs));
        } else if (o.pq.messageCount() == 0) {
            o.consumedOffset = result.nextBeginOffset();
        }
    }

    private PullMessageRequestHeader header(MessageQueue mq, long offset, SubscriptionData subscription) {
        PullMessageRequestHeader header = new PullMessageRequestHeader();
        header.setConsumerGroup(config.getConsumerGroup());
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        header.setQueueOffset(offset);
        header.setMaxMsgNums(config.getPullBatchSize());
        header.setSysFlag(PullApi.FLAG_SUSPEND | PullApi.FLAG_SUBSCRIPTION);
        header.setCommitOffset(0L);
        header.setSuspendTimeoutMillis(BROKER_SUSPEND_MILLIS);
        header.setSubscription(subscription.getSubString());
        header.setSubVersion(0L);
        header.setExpressionType(subscription.getExpressionType());
        header.setBname(mq.getBrokerName());
        return header;
    }

    @Override
    public String groupName() {
        return config.getConsumerGroup();
    }

    @Override
    public ConsumerData consumerData() {
        ConsumerData data = new ConsumerData();
        data.setGroupName(config.getConsumerGroup());
        data.setConsumeType(ConsumeType.CONSUME_ACTIVELY);
        data.setMessageModel(config.getMessageModel());
        data.setConsumeFromWhere(config.getConsumeFromWhere());
        data.setSubscriptionDataSet(new LinkedHashSet<>(subscriptions.values()));
        return data;
    }

    @Override
    public Set<String> subscribedTopics() {
        return subscriptions.keySet();
    }

    @Override
    public void updateTopicSubscribeInfo(String topic, Set<MessageQueue> queues) {
        rebalancer.updateTopicQueues(topic, queues);
    }

    @Override
    public void doRebalance() {
        if (!assignMode) {
            rebalancer.rebalance(subscriptions.keySet());
        }
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

    @Override
    public ConsumerRunningInfo runningInfo() {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.getProperties().put("PROP_CONSUME_TYPE", ConsumeType.CONSUME_ACTIVELY.name());
        info.getSubscriptionSet().addAll(subscriptions.values());
        return info;
    }

    /** A lite-pull consumer has no listener: direct consumption is not supported. */
    @Override
    public ConsumeMessageDirectlyResult consumeMessageDirectly(StoredMessage msg, String brokerName) {
        return null;
    }

    MQClientInstance instance() {
        return instance;
    }

    Rebalancer rebalancer() {
        return rebalancer;
    }

    Set<MessageQueue> assignment() {
        return Set.copyOf(owned.keySet());
    }
}
