package io.apogee.client.impl.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.consumer.store.LocalFileOffsetStore;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.client.consumer.store.RemoteBrokerOffsetStore;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.UnboundLoggingWarning;
import io.apogee.client.impl.api.PullApi;
import io.apogee.client.impl.api.PullResult;
import io.apogee.common.concurrent.NamedThreadFactory;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.route.BrokerData;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What push and lite-pull consumers share: the group's subscriptions and its heartbeat entry, the offset store
 * (broker-side when clustering, a local file when broadcasting), start offsets, and the pulls themselves. Each owned
 * queue has one long-polling pull in flight at a time (asynchronous, so an idle queue holds no thread); the answer
 * is filtered by tag, handed to the queue's {@link PullRequest}, and the next pull is scheduled at once or after the
 * kind's back-off ({@link PullTiming}).
 */
public final class ConsumerPuller {

    /**
     * A consumer's pull settings, read once when it starts.
     *
     * @param pullInterval        pause after each pull that found messages (push's {@code pullInterval}; 0: none)
     * @param pullThreads         threads that issue pulls and wait out back-offs
     * @param localOffsetStoreDir where a broadcasting consumer keeps its offsets
     * @param timing              long-polling, timeouts and back-offs ({@link PullTiming#push} or
     *                            {@link PullTiming#litePull})
     * @param unitMode            announced in the group's heartbeat entry
     */
    public record Settings(String group, MessageModel model, ConsumeFromWhere consumeFromWhere,
            String consumeTimestamp, int pullBatchSize, long pullInterval, int pullThreads,
            String localOffsetStoreDir, PullTiming timing, boolean unitMode) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerPuller.class);

    private final ConsumerKind kind;
    private final Settings settings;
    private final PullTiming timing;
    private final MQClientInstance instance;
    private final OffsetStore offsetStore;
    private final Map<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    /** The broker id each queue's last answer suggested pulling from next (a slave when the master is behind). */
    private final Map<MessageQueue, Long> suggestedBroker = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor executor;
    private final MissingGroupWarning missingGroup = new MissingGroupWarning();
    /** The broker id the app chose to pull every queue from (RocketMQ's connectBrokerByUser); null: suggestions. */
    private volatile Long userBrokerId;

    /** @param customStore the application's offset store, or {@code null} for the model's default */
    public ConsumerPuller(ConsumerKind kind, Settings settings, MQClientInstance instance, OffsetStore customStore) {
        this.kind = kind;
        this.settings = settings;
        this.timing = settings.timing();
        this.instance = instance;
        this.offsetStore = customStore != null ? customStore : defaultOffsetStore(settings, instance);
        this.executor = new ScheduledThreadPoolExecutor(settings.pullThreads(),
                new NamedThreadFactory(kind.threadPrefix() + settings.group(), true));
        this.executor.setRemoveOnCancelPolicy(true);
    }

    private static OffsetStore defaultOffsetStore(Settings settings, MQClientInstance instance) {
        return settings.model() == MessageModel.CLUSTERING
                ? new RemoteBrokerOffsetStore(instance, settings.group())
                : new LocalFileOffsetStore(Path.of(settings.localOffsetStoreDir()), instance.clientId(),
                        settings.group());
    }

    /** Loads the offsets the store keeps locally. */
    public void start() throws MQClientException {
        offsetStore.load();
    }

    /** Stops pulling; pulls in flight are answered into dropped or abandoned requests. */
    public void shutdown() {
        executor.shutdownNow();
    }

    public OffsetStore offsetStore() {
        return offsetStore;
    }

    /**
     * Pulls every queue from broker id {@code brokerId} of its broker group from now on, whatever the broker
     * suggests (RocketMQ's {@code connectBrokerByUser} with {@code defaultBrokerId}); {@code null} to follow the
     * suggestions again.
     */
    public void pullFromBrokerId(Long brokerId) {
        this.userBrokerId = brokerId;
    }

    private long brokerIdFor(MessageQueue mq) {
        Long chosen = userBrokerId;
        return chosen != null ? chosen : suggestedBroker.getOrDefault(mq, BrokerData.MASTER_ID);
    }

    /** Subscribes {@code topic} with a tag expression, replacing an earlier subscription to it. */
    public void subscribe(String topic, String expression) {
        subscribe(SubscriptionData.ofTags(topic, expression));
    }

    /** Subscribes with {@code subscription} (tags or SQL92), replacing an earlier subscription to its topic. */
    public void subscribe(SubscriptionData subscription) {
        subscriptions.put(subscription.getTopic(), subscription);
    }

    /** Subscribes every message of {@code topic} unless it is subscribed already. */
    public void subscribeAllIfAbsent(String topic) {
        subscribeIfAbsent(SubscriptionData.ofTags(topic, SubscriptionData.SUB_ALL));
    }

    /** Subscribes with {@code subscription} unless its topic is subscribed already. */
    public void subscribeIfAbsent(SubscriptionData subscription) {
        subscriptions.putIfAbsent(subscription.getTopic(), subscription);
    }

    /** The subscribed topics (a live view). */
    public Set<String> subscribedTopics() {
        return subscriptions.keySet();
    }

    /** Every subscription, for running-info reports. */
    public List<SubscriptionData> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /** The group's heartbeat entry: kind, model, start position, subscriptions. */
    public ConsumerData consumerData() {
        ConsumerData data = new ConsumerData();
        data.setGroupName(settings.group());
        data.setConsumeType(kind.consumeType());
        data.setMessageModel(settings.model());
        data.setConsumeFromWhere(settings.consumeFromWhere());
        data.setUnitMode(settings.unitMode());
        data.setSubscriptionDataSet(new LinkedHashSet<>(subscriptions.values()));
        return data;
    }

    /** Where to start consuming {@code mq}: its stored offset, else per consumeFromWhere; negative: not now. */
    public long startOffset(MessageQueue mq) {
        return StartOffsets.compute(instance, offsetStore, settings.consumeFromWhere(), settings.consumeTimestamp(),
                mq);
    }

    /** Pulls {@code request}'s queue as soon as a pull thread is free. */
    public void pullNow(PullRequest request) {
        pullLater(request, 0);
    }

    /** Pulls {@code request}'s queue after {@code delayMillis}. */
    public void pullLater(PullRequest request, long delayMillis) {
        try {
            executor.schedule(() -> pull(request), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("pull of {} not scheduled: shutting down", request.messageQueue());
        }
    }

    private void pull(PullRequest request) {
        ProcessQueue pq = request.processQueue();
        if (pq.isDropped()) {
            return;
        }
        pq.markPulled();
        PullRequest.Hold hold = request.hold();
        if (hold != PullRequest.Hold.NONE) {
            pullLater(request, timing.delayFor(hold));
            return;
        }
        MessageQueue mq = request.messageQueue();
        if (request.nextOffset() < 0) {
            long start = startOffset(mq);
            if (start < 0) {
                pullLater(request, timing.delayAfterException());
                return;
            }
            request.nextOffset(start);
        }
        SubscriptionData subscription = subscriptions.get(mq.getTopic());
        String addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), brokerIdFor(mq));
        if (subscription == null || addr == null) {
            instance.updateTopicRoute(mq.getTopic());
            pullLater(request, timing.delayAfterException());
            return;
        }
        try {
            instance.pullApi().pullAsync(addr, header(mq, request.nextOffset(), subscription,
                    settings.pullBatchSize(), timing.brokerSuspendMillis()),
                    timing.pullTimeoutMillis(), new PullApi.Callback() {
                        @Override
                        public void onSuccess(PullResult result) {
                            onPulled(request, subscription, result);
                        }

                        @Override
                        public void onException(Exception e) {
                            if (!missingGroup.onPullFailure(settings.group(), addr,
                                    instance.config().getNamesrvAddr(), e)) {
                                LOG.debug("pull of {} from {} failed: {}", mq, addr, e.getMessage());
                            }
                            UnboundLoggingWarning.process().onFailure("pull of " + mq + " from " + addr, e);
                            pullLater(request, delayAfter(e));
                        }
                    });
        } catch (RemotingException e) {
            LOG.warn("pull of {} from {} not sent: {}", mq, addr, e.getMessage());
            UnboundLoggingWarning.process().onFailure("pull of " + mq + " from " + addr, e);
            pullLater(request, delayAfter(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long delayAfter(Exception e) {
        return e instanceof MQBrokerException broker && broker.getResponseCode() == ResponseCode.FLOW_CONTROL
                ? timing.delayAfterBrokerFlowControl() : timing.delayAfterException();
    }

    /** @param suspendMillis how long the broker may hold the pull when it finds nothing; 0: answer at once */
    private PullMessageRequestHeader header(MessageQueue mq, long offset, SubscriptionData subscription,
            int maxNums, long suspendMillis) {
        int sysFlag = (suspendMillis > 0 ? PullApi.FLAG_SUSPEND : 0) | PullApi.FLAG_SUBSCRIPTION;
        long commitOffset = 0;
        if (kind.commitsOffsetWithPull() && settings.model() == MessageModel.CLUSTERING) {
            long stored = offsetStore.readOffset(mq, ReadOffsetType.READ_FROM_MEMORY);
            if (stored > 0) {
                commitOffset = stored;
                sysFlag |= PullApi.FLAG_COMMIT_OFFSET;
            }
        }
        PullMessageRequestHeader header = new PullMessageRequestHeader();
        header.setConsumerGroup(settings.group());
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        header.setQueueOffset(offset);
        header.setMaxMsgNums(maxNums);
        header.setSysFlag(sysFlag);
        header.setCommitOffset(commitOffset);
        header.setSuspendTimeoutMillis(suspendMillis);
        header.setSubscription(subscription.getSubString());
        header.setSubVersion(kind.sendsSubscriptionVersion() ? subscription.getSubVersion() : 0L);
        header.setExpressionType(subscription.getExpressionType());
        header.setBname(mq.getBrokerName());
        return header;
    }

    private void onPulled(PullRequest request, SubscriptionData subscription, PullResult result) {
        MessageQueue mq = request.messageQueue();
        suggestedBroker.put(mq, result.suggestWhichBrokerId());
        if (request.processQueue().isDropped()) {
            return;
        }
        long next = result.nextBeginOffset();
        switch (result.status()) {
            case FOUND -> {
                List<MessageExt> kept = filter(mq, result, subscription);
                request.nextOffset(next);
                if (kept.isEmpty()) {
                    request.onNothingToConsume(next);
                } else {
                    request.onMessages(kept);
                }
                pullLater(request, settings.pullInterval());
            }
            case NO_NEW_MSG, NO_MATCHED_MSG -> {
                request.nextOffset(next);
                request.onNothingToConsume(next);
                pullNow(request);
            }
            case OFFSET_ILLEGAL -> {
                LOG.warn("offset {} of {} is illegal, moving to {}", request.nextOffset(), mq, next);
                request.onOffsetIllegal(next);
                pullNow(request);
            }
        }
    }

    /**
     * One pull the caller drives (RocketMQ's {@code DefaultMQPullConsumer}): up to {@code maxNums} messages of
     * {@code mq} from {@code offset}, answered in this thread, tag-filtered as every pull is. The offset store is
     * not touched; the caller keeps its own offsets.
     *
     * @param suspendMillis how long the broker may hold the pull when nothing is there; 0: answer at once
     */
    public PullResult pullOnce(MessageQueue mq, SubscriptionData subscription, long offset, int maxNums,
            long suspendMillis, long timeoutMillis)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        String addr = addressToPull(mq);
        PullResult result = instance.pullApi().pullSync(addr,
                header(mq, offset, subscription, maxNums, suspendMillis), timeoutMillis);
        suggestedBroker.put(mq, result.suggestWhichBrokerId());
        return result.withMessages(filter(mq, result, subscription));
    }

    /** {@link #pullOnce} answered on a remoting callback thread. */
    public void pullOnceAsync(MessageQueue mq, SubscriptionData subscription, long offset, int maxNums,
            long suspendMillis, long timeoutMillis, PullApi.Callback callback)
            throws MQClientException, RemotingException, InterruptedException {
        String addr = addressToPull(mq);
        instance.pullApi().pullAsync(addr, header(mq, offset, subscription, maxNums, suspendMillis), timeoutMillis,
                new PullApi.Callback() {
                    @Override
                    public void onSuccess(PullResult result) {
                        suggestedBroker.put(mq, result.suggestWhichBrokerId());
                        callback.onSuccess(result.withMessages(filter(mq, result, subscription)));
                    }

                    @Override
                    public void onException(Exception e) {
                        callback.onException(e);
                    }
                });
    }

    /** The broker to pull {@code mq} from (the one last suggested), fetching the route once when unknown. */
    private String addressToPull(MessageQueue mq) throws MQClientException {
        long brokerId = brokerIdFor(mq);
        String addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), brokerId);
        if (addr == null) {
            instance.updateTopicRoute(mq.getTopic());
            addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), brokerId);
        }
        if (addr == null) {
            throw new MQClientException(-1, "The broker[" + mq.getBrokerName() + "] not exist");
        }
        return addr;
    }

    /**
     * Client-side tag filtering (the broker filters by tag hash only), the queue's offset bounds as properties and
     * the broker group pulled from, as RocketMQ's client sets them.
     */
    static List<MessageExt> filter(MessageQueue mq, PullResult result, SubscriptionData subscription) {
        List<MessageExt> kept = new ArrayList<>(result.messages().size());
        for (MessageExt m : result.messages()) {
            if (subscription.matchesTag(m.getTags())) {
                m.putProperty(MessageProperty.MIN_OFFSET, Long.toString(result.minOffset()));
                m.putProperty(MessageProperty.MAX_OFFSET, Long.toString(result.maxOffset()));
                m.setBrokerName(mq.getBrokerName());
                kept.add(m);
            }
        }
        return kept;
    }
}
