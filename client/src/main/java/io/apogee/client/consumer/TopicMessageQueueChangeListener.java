package io.apogee.client.consumer;

import io.apogee.common.message.MessageQueue;
import java.util.Set;

/**
 * Told when a topic's readable queues change (a broker joins or leaves, queues are added), as registered with
 * {@link DefaultLitePullConsumer#registerTopicMessageQueueChangeListener}; RocketMQ's interface of that name.
 */
public interface TopicMessageQueueChangeListener {

    /** {@code topic}'s queues are now {@code messageQueues} (named, like the topic, without the namespace). */
    void onChanged(String topic, Set<MessageQueue> messageQueues);
}
