package io.apogee.client.impl;

import io.apogee.common.message.MessageExt;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import java.util.Map;
import java.util.Set;

/** What a {@link MQClientInstance} needs from a consumer registered with it. */
public interface MQConsumerInner {

    String groupName();

    /** The group's heartbeat entry: model, start position, subscriptions. */
    ConsumerData consumerData();

    /** Topics whose routes the instance keeps fresh for this consumer. */
    Set<String> subscribedTopics();

    /** A fresh set of readable queues for {@code topic}. */
    void updateTopicSubscribeInfo(String topic, Set<MessageQueue> queues);

    /** Re-divides the queues among the group's consumers. */
    void doRebalance();

    /** Writes the current offsets to their store. */
    void persistConsumerOffset();

    /** The broker moved the group's offsets (RESET_CONSUMER_CLIENT_OFFSET). */
    void resetOffset(String topic, Map<MessageQueue, Long> offsets);

    /** The group's in-memory offsets of {@code topic}'s queues, for GET_CONSUMER_STATUS_FROM_CLIENT. */
    Map<MessageQueue, Long> consumeOffsets(String topic);

    /** A snapshot for GET_CONSUMER_RUNNING_INFO. */
    ConsumerRunningInfo runningInfo();

    /**
     * Runs the listener once on {@code msg} for CONSUME_MESSAGE_DIRECTLY (offsets are not touched), or
     * {@code null} when this consumer has no listener to run.
     */
    ConsumeMessageDirectlyResult consumeMessageDirectly(MessageExt msg, String brokerName);
}
