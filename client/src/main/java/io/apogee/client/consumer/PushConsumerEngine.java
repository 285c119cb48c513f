package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.client.consumer.store.LocalFileOffsetStore;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.client.consumer.store.RemoteBrokerOffsetStore;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.MQConsumerInner;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.client.impl.consumer.PullRequest;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.StoredMessage;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.admin.ProcessQueueInfo;
import io.apogee.remoting.protocol.body.UnlockBatchRequestBody;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.route.BrokerData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running half of a {@link DefaultMQPushConsumer}: its subscriptions, owned queues and their process queues,
 * offset store, pull driver and consume service, registered with the client instance.
 */
final class PushConsumerEngine implements MQConsumerInner, Rebalancer.QueueOwner {

    private static final Logger LOG = LoggerFactory.getLogger(PushConsumerEngine.class);

    private final DefaultMQPushConsumer config;
    private final MQClientInstance instance;
    private final Map<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private final Map<MessageQueue, ProcessQueue> processQueues = new ConcurrentHashMap<>();
    private final OffsetStore offsetStore;
    private final Rebalancer rebalancer;
    private final PullDriver pullDriver;
    private final ConsumeService consumeService;
    private final boolean orderly;
    private volatile boolean paused;

    PushConsumerEngine(DefaultMQPushConsumer config, MQClientInstance instance) {
        this.config = config;
        this.instance = instance;
        config.getSubscription().forEach((topic, expr) -> subscriptions.put(topic, SubscriptionData.ofTags(topic,
                expr)));
        if (config.getMessageModel() == MessageModel.CLUSTERING) {
            String retry = SystemTopics.retryTopic(config.getConsumerGroup());
            subscriptions.put(retry, SubscriptionData.ofTags(retry, SubscriptionData.SUB_ALL));
        }
        this.offsetStore = config.getOffsetStore() != null ? config.getOffsetStore()
                : config.getMessageModel() == MessageModel.CLUSTERING
                ? new RemoteBrokerOffsetStore(instance, config.getConsumerGroup())
                : new LocalFileOffsetStore(Path.of(config.getLocalOffsetStoreDir()), instance.clientId(),
                        config.getConsumerGroup());
        this.rebalancer = new Rebalancer(config.getConsumerGroup(), config.getMessageModel(),
                config.getAllocateMessageQueueStrategy(), instance, this);
        this.pullDriver = new PullDriver(this);
        this.orderly = config.getMessageListener() instanceof MessageListenerOrderly;
        this.consumeService = orderly
                ? new ConsumeOrderlyService(this, (MessageListenerOrderly) config.getMessageListener())
                : new ConsumeConcurrentlyService(this, (MessageListenerConcurrently) config.getMessageListener());
    }

    /** Loads offsets, starts pulling and consuming, fetches routes, heartbeats and rebalances at once. */
    void start() throws MQClientException {
        offsetStore.load();
        consumeService.start();
        pullDriver.start();
        if (!instance.registerConsumer(this)) {
            pullDriver.shutdown();
            consumeService.shutdown(0);
            throw new MQClientException(-1, "The consumer group[" + config.getConsumerGroup()
                    + "] has been created before, specify another name please.");
        }
        instance.start();
        subscriptions.keySet().forEach(instance::updateTopicRoute);
        instance.sendHeartbeatToAllBrokers();
        instance.rebalanceImmediately();
    }

    /** Stops pulling, drains consumption, persists offsets and leaves the group. */
    void shutdown() {
        pullDriver.shutdown();
        consumeService.shutdown(config.getAwaitTerminationMillisWhenShutdown());
        persistConsumerOffset();
        processQueues.values().forEach(pq -> pq.setDropped(true));
        instance.unregisterConsumer(config.getConsumerGroup());
        instance.shutdownIfUnused();
    }

    @Override
    public String groupName() {
        return config.getConsumerGroup();
    }

    @Override
    public ConsumerData consumerData() {
        ConsumerData data = new ConsumerData();
        data.setGroupName(config.getConsumerGroup());
        data.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
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
        if (subscriptions.containsKey(topic)) {
            rebalancer.updateTopicQueues(topic, queues);
        }
    }

    @Override
    public void doRebalance() {
        rebalancer.rebalance(subscriptions.keySet());
    }

    @Override
    public void persistConsumerOffset() {
        offsetStore.persistAll(processQueues.keySet());
    }

    @Override
    public void resetOffset(String topic, Map<MessageQueue, Long> offsets) {
        offsets.forEach((mq, offset) -> {
            ProcessQueue pq = processQueues.remove(mq);
            if (pq != null) {
                pq.setDropped(true);
            }
            offsetStore.updateOffset(mq, offset, false);
            offsetStore.persist(mq);
        });
        instance.rebalanceImmediately();
    }

    @Override
    public ConsumerRunningInfo runningInfo() {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.getProperties().put("PROP_CONSUME_TYPE", ConsumeType.CONSUME_PASSIVELY.name());
        info.getProperties().put("PROP_CONSUMEORDERLY", Boolean.toString(orderly));
        info.getProperties().put("PROP_NAMESERVER_ADDR", config.getNamesrvAddr());
        info.getProperties().put("PROP_THREADPOOL_CORE_SIZE", Integer.toString(config.getConsumeThreadMin()));
        info.getSubscriptionSet().addAll(subscriptions.values());
        processQueues.forEach((mq, pq) -> {
            ProcessQueueInfo pqi = new ProcessQueueInfo();
            pqi.setCommitOffset(offsetStore.readOffset(mq, ReadOffsetType.READ_FROM_MEMORY));
            pqi.setCachedMsgCount(pq.messageCount());
            pqi.setLocked(pq.isLocked());
            pqi.setDroped(pq.isDropped());
            pqi.setLastPullTimestamp(pq.lastPullTimestamp());
            pqi.setLastConsumeTimestamp(pq.lastConsumeTimestamp());
            info.getMqTable().put(mq, pqi);
        });
        return info;
    }

    @Override
    public ConsumeMessageDirectlyResult consumeMessageDirectly(StoredMessage msg, String brokerName) {
        restoreRetryTopic(msg);
        return DirectConsumption.run(config.getMessageListener(), msg, brokerName);
    }

    @Override
    public Set<MessageQueue> ownedQueues(String topic) {
        return processQueues.keySet().stream().filter(mq -> mq.getTopic().equals(topic)).collect(Collectors.toSet());
    }

    @Override
    public boolean release(MessageQueue mq) {
        ProcessQueue pq = processQueues.get(mq);
        if (pq == null) {
            return true;
        }
        pq.setDropped(true);
        offsetStore.persist(mq);
        offsetStore.removeOffset(mq);
        processQueues.remove(mq);
        if (orderly && config.getMessageModel() == MessageModel.CLUSTERING) {
            unlock(mq, pq);
        }
        return true;
    }

    @Override
    public boolean acquire(MessageQueue mq) {
        ProcessQueue pq = new ProcessQueue();
        if (orderly && config.getMessageModel() == MessageModel.CLUSTERING && !lock(Set.of(mq)).contains(mq)) {
            return false;
        }
        offsetStore.removeOffset(mq);
        long offset = StartOffsets.compute(this, mq);
        if (offset < 0) {
            return false;
        }
        if (orderly) {
            pq.setLocked(true);
        }
        if (processQueues.putIfAbsent(mq, pq) != null) {
            return false;
        }
        pullDriver.pullNow(new PullRequest(config.getConsumerGroup(), mq, pq, offset));
        return true;
    }

    /** After an illegal offset: store the corrected one and let the next rebalance take the queue again. */
    void resetDroppedQueue(MessageQueue mq, long offset) {
        offsetStore.updateOffset(mq, offset, false);
        offsetStore.persist(mq);
        processQueues.remove(mq);
        instance.rebalanceImmediately();
    }

    /**
     * Hands a failed message back to its broker for redelivery through the retry topic (delay level 0: the
     * broker's choice; -1: straight to the DLQ).
     *
     * @return false when the broker did not take it (the caller then consumes it again locally)
     */
    boolean sendMessageBack(StoredMessage msg, int delayLevel, MessageQueue mq) {
        String addr = instance.findBrokerAddressInPublish(mq.getBrokerName());
        if (addr == null) {
            return false;
        }
        ConsumerSendMsgBackRequestHeader header = new ConsumerSendMsgBackRequestHeader();
        header.setOffset(msg.getCommitLogOffset());
        header.setGroup(config.getConsumerGroup());
        header.setDelayLevel(delayLevel);
        String origin = msg.getProperty(MessageProperty.ORIGIN_MESSAGE_ID);
        header.setOriginMsgId(origin != null ? origin : msg.getMsgId());
        header.setOriginTopic(msg.getTopic());
        header.setMaxReconsumeTimes(maxReconsumeTimes());
        header.setBname(mq.getBrokerName());
        try {
            instance.manageApi().sendMessageBack(addr, header);
            return true;
        } catch (RemotingException | MQBrokerException e) {
            LOG.warn("send-back of {} (group {}) to {} failed, consuming it again locally: {}", msg.getMsgId(),
                    config.getConsumerGroup(), addr, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A message redelivered through the retry topic shows its original topic to the listener. */
    void restoreRetryTopic(StoredMessage msg) {
        String original = msg.getProperty(MessageProperty.RETRY_TOPIC);
        if (original != null && SystemTopics.retryTopic(config.getConsumerGroup()).equals(msg.getTopic())) {
            msg.setTopic(original);
        }
    }

    int maxReconsumeTimes() {
        return config.getMaxReconsumeTimes() < 0 ? 16 : config.getMaxReconsumeTimes();
    }

    /** Renews the broker locks of every owned queue (orderly, clustering). */
    void lockAll() {
        Map<String, Set<MessageQueue>> byBroker = new HashMap<>();
        processQueues.keySet().forEach(mq -> byBroker.computeIfAbsent(mq.getBrokerName(),
                b -> new LinkedHashSet<>()).add(mq));
        byBroker.values().forEach(this::lock);
    }

    /** Tries to (re)lock {@code mq} soon, off the consume thread. */
    void lockQueueLater(MessageQueue mq, ProcessQueue pq) {
        instance.schedule(() -> lock(Set.of(mq)), 10);
    }

    /** Locks queues of one broker; updates their process queues; returns the queues now held. */
    private Set<MessageQueue> lock(Set<MessageQueue> mqs) {
        String brokerName = mqs.iterator().next().getBrokerName();
        String addr = instance.findBrokerAddressInSubscribe(brokerName, BrokerData.MASTER_ID);
        if (addr == null) {
            return Set.of();
        }
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setConsumerGroup(config.getConsumerGroup());
        body.setClientId(instance.clientId());
        body.setMqSet(new LinkedHashSet<>(mqs));
        Set<MessageQueue> held;
        try {
            held = instance.manageApi().lockBatch(addr, body);
        } catch (RemotingException | MQBrokerException e) {
            LOG.warn("lock of {} queues at {} failed: {}", mqs.size(), addr, e.getMessage());
            held = Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
        for (MessageQueue mq : mqs) {
            ProcessQueue pq = processQueues.get(mq);
            if (pq != null) {
                pq.setLocked(held.contains(mq));
            }
        }
        return held;
    }

    /** Releases every owned queue's broker lock (orderly shutdown). */
    void unlockAll() {
        if (orderly && config.getMessageModel() == MessageModel.CLUSTERING) {
            processQueues.forEach(this::unlock);
        }
    }

    private void unlock(MessageQueue mq, ProcessQueue pq) {
        String addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), BrokerData.MASTER_ID);
        if (addr == null) {
            return;
        }
        UnlockBatchRequestBody body = new UnlockBatchRequestBody();
        body.setConsumerGroup(config.getConsumerGroup());
        body.setClientId(instance.clientId());
        body.setMqSet(new LinkedHashSet<>(List.of(mq)));
        try {
            if (pq.consumeLock().tryLock(1, TimeUnit.SECONDS)) {
                try {
                    instance.manageApi().unlockBatchOneway(addr, body);
                } finally {
                    pq.consumeLock().unlock();
                }
            }
        } catch (RemotingException e) {
            LOG.warn("unlock of {} at {} failed: {}", mq, addr, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    DefaultMQPushConsumer config() {
        return config;
    }

    MQClientInstance instance() {
        return instance;
    }

    OffsetStore offsetStore() {
        return offsetStore;
    }

    ConsumeService consumeService() {
        return consumeService;
    }

    Map<MessageQueue, ProcessQueue> processQueues() {
        return processQueues;
    }

    Rebalancer rebalancer() {
        return rebalancer;
    }

    SubscriptionData subscription(String topic) {
        return subscriptions.get(topic);
    }

    boolean isOrderly() {
        return orderly;
    }

    boolean isPaused() {
        return paused;
    }

    void setPaused(boolean paused) {
        this.paused = paused;
    }
}
