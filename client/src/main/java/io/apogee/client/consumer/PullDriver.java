package io.apogee.client.consumer;

import io.apogee.client.impl.api.PullApi;
import io.apogee.client.impl.api.PullResult;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.client.impl.consumer.PullRequest;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.StoredMessage;
import io.apogee.common.service.ServiceLoop;
import io.apogee.common.service.ServiceRunner;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.route.BrokerData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push consumer's pull loop: one thread issues long-polling pulls for every owned queue; each answer feeds the
 * consume service and schedules the queue's next pull, now or after a pause (flow control, errors, suspension).
 */
final class PullDriver implements ServiceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PullDriver.class);
    private static final long BROKER_SUSPEND_MILLIS = 15_000;
    private static final long PULL_TIMEOUT_MILLIS = 30_000;
    private static final long DELAY_WHEN_EXCEPTION = 3_000;
    private static final long DELAY_WHEN_FLOW_CONTROL = 50;
    private static final long DELAY_WHEN_SUSPENDED = 1_000;
    private static final long DELAY_WHEN_OFFSET_ILLEGAL = 10_000;

    private final PushConsumerEngine engine;
    private final LinkedBlockingQueue<PullRequest> ready = new LinkedBlockingQueue<>();
    private final Map<MessageQueue, Long> suggestedBroker = new ConcurrentHashMap<>();
    private final ServiceRunner runner;

    PullDriver(PushConsumerEngine engine) {
        this.engine = engine;
        this.runner = new ServiceRunner(this, 1, TimeUnit.SECONDS);
    }

    @Override
    public String roleName() {
        return "ApogeePullMessage_" + engine.config().getConsumerGroup();
    }

    void start() {
        runner.start();
    }

    void shutdown() {
        runner.close();
    }

    void pullNow(PullRequest request) {
        ready.add(request);
        runner.wakeup();
    }

    void pullLater(PullRequest request, long delayMillis) {
        engine.instance().schedule(() -> pullNow(request), delayMillis);
    }

    @Override
    public int doWork() {
        int done = 0;
        for (PullRequest request = ready.poll(); request != null; request = ready.poll()) {
            pull(request);
            done++;
        }
        return done;
    }

    private void pull(PullRequest request) {
        ProcessQueue pq = request.processQueue();
        if (pq.isDropped()) {
            return;
        }
        pq.markPulled();
        DefaultMQPushConsumer config = engine.config();
        if (engine.isPaused()) {
            pullLater(request, DELAY_WHEN_SUSPENDED);
            return;
        }
        if (pq.messageCount() > config.getPullThresholdForQueue()
                || pq.cachedBytes() > config.getPullThresholdSizeForQueue() * 1024L * 1024L
                || !engine.isOrderly() && pq.maxSpan() > config.getConsumeConcurrentlyMaxSpan()) {
            pullLater(request, DELAY_WHEN_FLOW_CONTROL);
            return;
        }
        if (engine.isOrderly() && config.getMessageModel() == MessageModel.CLUSTERING && !pq.isLocked()) {
            pullLater(request, DELAY_WHEN_EXCEPTION);
            return;
        }
        MessageQueue mq = request.messageQueue();
        SubscriptionData subscription = engine.subscription(mq.getTopic());
        String addr = engine.instance().findBrokerAddressInSubscribe(mq.getBrokerName(),
                suggestedBroker.getOrDefault(mq, BrokerData.MASTER_ID));
        if (subscription == null || addr == null) {
            engine.instance().updateTopicRoute(mq.getTopic());
            pullLater(request, DELAY_WHEN_EXCEPTION);
            return;
        }
        try {
            engine.instance().pullApi().pullAsync(addr, header(request, subscription), PULL_TIMEOUT_MILLIS,
                    new PullApi.Callback() {
                        @Override
                        public void onSuccess(PullResult result) {
                            onPulled(request, subscription, result);
                        }

                        @Override
                        public void onException(Exception e) {
                            LOG.debug("pull of {} failed: {}", mq, e.getMessage());
                            pullLater(request, DELAY_WHEN_EXCEPTION);
                        }
                    });
        } catch (RemotingException e) {
            LOG.warn("pull of {} from {} not sent: {}", mq, addr, e.getMessage());
            pullLater(request, DELAY_WHEN_EXCEPTION);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PullMessageRequestHeader header(PullRequest request, SubscriptionData subscription) {
        MessageQueue mq = request.messageQueue();
        int sysFlag = PullApi.FLAG_SUSPEND | PullApi.FLAG_SUBSCRIPTION;
        long commitOffset = 0;
        if (engine.config().getMessageModel() == MessageModel.CLUSTERING) {
            long stored = engine.offsetStore().readOffset(mq, ReadOffsetType.READ_FROM_MEMORY);
            if (stored > 0) {
                commitOffset = stored;
                sysFlag |= PullApi.FLAG_COMMIT_OFFSET;
            }
        }
        PullMessageRequestHeader header = new PullMessageRequestHeader();
        header.setConsumerGroup(request.consumerGroup());
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        header.setQueueOffset(request.nextOffset());
        header.setMaxMsgNums(engine.config().getPullBatchSize());
        header.setSysFlag(sysFlag);
        header.setCommitOffset(commitOffset);
        header.setSuspendTimeoutMillis(BROKER_SUSPEND_MILLIS);
        header.setSubscription(subscription.getSubString());
        header.setSubVersion(subscription.getSubVersion());
        header.setExpressionType(subscription.getExpressionType());
        header.setBname(mq.getBrokerName());
        return header;
    }

    private void onPulled(PullRequest request, SubscriptionData subscription, PullResult result) {
        MessageQueue mq = request.messageQueue();
        ProcessQueue pq = request.processQueue();
        suggestedBroker.put(mq, result.suggestWhichBrokerId());
        switch (result.status()) {
            case FOUND -> {
                List<StoredMessage> msgs = filter(result, subscription);
                request.nextOffset(result.nextBeginOffset());
                if (!msgs.isEmpty()) {
                    boolean dispatch = pq.putMessages(msgs);
                    engine.consumeService().submit(msgs, pq, mq, dispatch);
                }
                next(request);
            }
            case NO_NEW_MSG, NO_MATCHED_MSG -> {
                request.nextOffset(result.nextBeginOffset());
                if (pq.messageCount() == 0) {
                    engine.offsetStore().updateOffset(mq, result.nextBeginOffset(), true);
                }
                pullNow(request);
            }
            case OFFSET_ILLEGAL -> {
                LOG.warn("offset {} of {} is illegal, moving to {}", request.nextOffset(), mq,
                        result.nextBeginOffset());
                pq.setDropped(true);
                engine.instance().schedule(() -> engine.resetDroppedQueue(mq, result.nextBeginOffset()),
                        DELAY_WHEN_OFFSET_ILLEGAL);
            }
        }
    }

    private void next(PullRequest request) {
        long interval = engine.config().getPullInterval();
        if (interval > 0) {
            pullLater(request, interval);
        } else {
            pullNow(request);
        }
    }

    /** Client-side tag filtering (the broker filters by tag hash only) and the offset bounds properties. */
    private static List<StoredMessage> filter(PullResult result, SubscriptionData subscription) {
        List<StoredMessage> kept = new ArrayList<>(result.messages().size());
        for (StoredMessage m : result.messages()) {
            if (subscription.matchesTag(m.getTags())) {
                m.putProperty(MessageProperty.MIN_OFFSET, Long.toString(result.minOffset()));
                m.putProperty(MessageProperty.MAX_OFFSET, Long.toString(result.maxOffset()));
                kept.add(m);
            }
        }
        return kept;
    }
}
