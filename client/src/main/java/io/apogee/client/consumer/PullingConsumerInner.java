package io.apogee.client.consumer;

import io.apogee.client.impl.MQConsumerInner;
import io.apogee.client.impl.consumer.ConsumerPuller;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import java.util.Map;
import java.util.Set;

/** What the push, lite-pull and pull consumers' engines answer alike: from their puller and their rebalancer. */
abstract class PullingConsumerInner implements MQConsumerInner {

    private final String group;
    /** The engine's puller: subscriptions, the heartbeat entry, the offset store and the pulls. */
    protected final ConsumerPuller puller;

    PullingConsumerInner(String group, ConsumerPuller puller) {
        this.group = group;
        this.puller = puller;
    }

    /** The engine's rebalancer: the topics' queues. */
    abstract Rebalancer rebalancer();

    @Override
    public String groupName() {
        return group;
    }

    @Override
    public ConsumerData consumerData() {
        return puller.consumerData();
    }

    @Override
    public Set<String> subscribedTopics() {
        return puller.subscribedTopics();
    }

    @Override
    public void updateTopicSubscribeInfo(String topic, Set<MessageQueue> queues) {
        rebalancer().updateTopicQueues(topic, queues);
    }

    @Override
    public Map<MessageQueue, Long> consumeOffsets(String topic) {
        return puller.offsetStore().cloneOffsetTable(topic);
    }

    /** A consumer that pulls for itself (lite-pull, pull); the push engine says more. */
    @Override
    public ConsumerRunningInfo runningInfo() {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.getProperties().put("PROP_CONSUME_TYPE", ConsumeType.CONSUME_ACTIVELY.name());
        info.getSubscriptionSet().addAll(puller.subscriptions());
        return info;
    }

    /** Without a listener direct consumption is not supported (the push engine has one). */
    @Override
    public ConsumeMessageDirectlyResult consumeMessageDirectly(MessageExt msg, String brokerName) {
        return null;
    }
}
