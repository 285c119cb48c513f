package io.apogee.client.consumer;

import io.apogee.common.message.MessageQueue;
import java.util.Set;

/**
 * Told when rebalancing changes which of a topic's queues a {@link DefaultMQPullConsumer} or a subscribed
 * {@link DefaultLitePullConsumer} owns.
 */
public interface MessageQueueListener {

    /**
     * @param mqAll     every readable queue of {@code topic}
     * @param mqDivided the queues this consumer now owns
     */
    void messageQueueChanged(String topic, Set<MessageQueue> mqAll, Set<MessageQueue> mqDivided);
}
