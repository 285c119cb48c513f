package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.consumer.ConsumerKind;
import io.apogee.client.impl.consumer.ConsumerPuller;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.client.impl.consumer.PullThresholds;
import io.apogee.client.impl.consumer.PullTiming;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.consumer.MessageModel;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.exception.RemotingException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The running half of a {@link DefaultMQPushConsumer}, registered with the client instance: its puller
 * (subscriptions, offsets, pulls), the queues it owns, the rebalancer that assigns them, and the consume service
 * that runs the listener.
 */
final class PushConsumerEngine extends PullingConsumerInner {

    private final DefaultMQPushConsumer config;
    private final MQClientInstance instance;
    private final PushQueues queues;
    private final Rebalancer rebalancer;
    private final ConsumeService consumeService;
    private final Redelivery redelivery;
    private final boolean orderly;

    PushConsumerEngine(DefaultMQPushConsumer config, MQClientInstance instance) {
        super(config.getConsumerGroup(), new ConsumerPuller(ConsumerKind.PUSH, new ConsumerPuller.Settings(
                config.getConsumerGroup(), config.getMessageModel(), config.getConsumeFromWhere(),
                config.getConsumeTimestamp(), config.getPullBatchSize(), config.getPullInterval(), 1,
                config.getLocalOffsetStoreDir(),
                PullTiming.push(config.getPullTimeDelayMillsWhenException()), config.isUnitMode()), instance,
                config.getOffsetStore()));
        this.config = config;
        this.instance = instance;
        String group = config.getConsumerGroup();
        boolean clustering = config.getMessageModel() == MessageModel.CLUSTERING;
        config.selectors().forEach((topic, selector) -> puller.subscribe(selector.subscription(topic)));
        if (clustering) {
            puller.subscribe(SystemTopics.retryTopic(group), SubscriptionData.SUB_ALL);
        }
        this.orderly = config.getMessageListener() instanceof MessageListenerOrderly;
        Map<MessageQueue, ProcessQueue> processQueues = new ConcurrentHashMap<>();
        QueueLocks locks = new QueueLocks(group, orderly && clustering, instance, processQueues);
        this.redelivery = new Redelivery(group, config.getNamespace(), config.getMaxReconsumeTimes(), instance);
        TaskScheduler scheduler = instance::schedule;
        this.consumeService = orderly
                ? new ConsumeOrderlyService(config, (MessageListenerOrderly) config.getMessageListener(), redelivery,
                        puller.offsetStore(), locks, scheduler)
                : new ConsumeConcurrentlyService(config, (MessageListenerConcurrently) config.getMessageListener(),
                        redelivery, puller.offsetStore(), processQueues, scheduler);
        long maxSpan = orderly ? Long.MAX_VALUE : config.getConsumeConcurrentlyMaxSpan();
        IntFunction<PullThresholds> thresholds = ownedQueues -> {
            config.shareTopicThresholds(ownedQueues);
            return PullThresholds.of(config.getPullThresholdForQueue(), config.getPullThresholdSizeForQueue(),
                    maxSpan);
        };
        this.queues = new PushQueues(processQueues, puller, consumeService, locks, thresholds, orderly, scheduler,
                instance::rebalanceImmediately);
        this.rebalancer = new Rebalancer(group, config.getMessageModel(), config.getAllocateMessageQueueStrategy(),
                Rebalancer.Membership.of(instance), queues);
    }

    /** The app's own send-back of a message it consumed (RocketMQ's {@code sendMessageBack}). */
    void sendMessageBack(MessageExt msg, int delayLevel, String brokerName)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        redelivery.sendBack(msg, delayLevel, brokerName);
    }

    /** The client instance this consumer runs in. */
    MQClientInstance instance() {
        return instance;
    }

    /** Loads offsets, starts consuming, fetches routes, heartbeats and rebalances at once. */
    void start() throws MQClientException {
        puller.start();
        consumeService.start();
        if (!instance.registerConsumer(this)) {
            puller.shutdown();
            consumeService.shutdown(0);
            throw new MQClientException(-1, "The consumer group[" + config.getConsumerGroup()
                    + "] has been created before, specify another name please.");
        }
        instance.start();
        puller.subscribedTopics().forEach(instance::updateTopicRoute);
        try {
            checkClientInBroker();
        } catch (MQClientException e) {
            shutdown();
            throw e;
        }
        instance.sendHeartbeatToAllBrokers();
        instance.rebalanceImmediately();
    }

    /**
     * Asks a broker of each topic subscribed by SQL92 whether it serves and compiles the expression, as RocketMQ's
     * client does before a push consumer starts.
     *
     * @throws MQClientException with the broker's code and reason when it refuses one
     */
    private void checkClientInBroker() throws MQClientException {
        for (SubscriptionData subscription : puller.subscriptions()) {
            String addr = SubscriptionData.EXPRESSION_TYPE_TAG.equals(subscription.getExpressionType()) ? null
                    : instance.findBrokerAddrByTopic(subscription.getTopic());
            if (addr == null) {
                continue;
            }
            try {
                instance.manageApi().checkClientInBroker(addr, config.getConsumerGroup(), instance.clientId(),
                        subscription);
            } catch (MQBrokerException e) {
                throw new MQClientException(e.getResponseCode(), e.getErrorMessage());
            } catch (RemotingException e) {
                throw new MQClientException("Check client in broker " + addr + " error: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MQClientException("interrupted while checking the subscription in broker " + addr, e);
            }
        }
    }

    /** Stops pulling, drains consumption, persists offsets and leaves the group. */
    void shutdown() {
        puller.shutdown();
        consumeService.shutdown(config.getAwaitTerminationMillisWhenShutdown());
        queues.persistOffsets();
        queues.dropAll();
        instance.unregisterConsumer(config.getConsumerGroup());
        instance.shutdownIfUnused();
    }

    void updateCorePoolSize(int corePoolSize) {
        ConsumeThreads.updateCorePoolSize(consumeService.consumeThreads(), config, corePoolSize);
    }

    /** Stops ({@code true}) or resumes pulling. */
    void setPaused(boolean paused) {
        queues.setPaused(paused);
    }

    /** The readable queues of a subscribed {@code topic}, fetching its route first; empty when unknown. */
    Set<MessageQueue> fetchSubscribeMessageQueues(String topic) {
        instance.updateTopicRoute(topic);
        return rebalancer.topicQueues(topic);
    }

    @Override
    Rebalancer rebalancer() {
        return rebalancer;
    }

    @Override
    public void updateTopicSubscribeInfo(String topic, Set<MessageQueue> queues) {
        if (puller.subscribedTopics().contains(topic)) {
            rebalancer.updateTopicQueues(topic, queues);
        }
    }

    @Override
    public void doRebalance() {
        rebalancer.rebalance(puller.subscribedTopics());
    }

    @Override
    public void persistConsumerOffset() {
        queues.persistOffsets();
    }

    @Override
    public void resetOffset(String topic, Map<MessageQueue, Long> offsets) {
        queues.resetOffsets(offsets);
    }

    @Override
    public ConsumerRunningInfo runningInfo() {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.getProperties().put("PROP_CONSUME_TYPE", ConsumeType.CONSUME_PASSIVELY.name());
        info.getProperties().put("PROP_CONSUMEORDERLY", Boolean.toString(orderly));
        info.getProperties().put("PROP_NAMESERVER_ADDR", config.getNamesrvAddr());
        info.getProperties().put("PROP_THREADPOOL_CORE_SIZE",
                Integer.toString(consumeService.consumeThreads().getCorePoolSize()));
        info.getSubscriptionSet().addAll(puller.subscriptions());
        info.getMqTable().putAll(queues.describe());
        return info;
    }

    @Override
    public ConsumeMessageDirectlyResult consumeMessageDirectly(MessageExt msg, String brokerName) {
        redelivery.restoreAppTopic(msg);
        return DirectConsumption.run(config.getMessageListener(), msg, brokerName);
    }
}
