package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.List;

/**
 * Divides a topic's queues among a group's consumers. Every consumer runs the same strategy on the same sorted
 * inputs, so each computes its own share and together they cover every queue exactly once.
 */
public interface AllocateMessageQueueStrategy {

    /**
     * @param consumerGroup the group
     * @param currentCID    this consumer's client id
     * @param mqAll         every queue of the topic, sorted
     * @param cidAll        every consumer of the group, sorted
     * @return the queues this consumer owns
     */
    List<MessageQueue> allocate(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll);

    /** The strategy's name, as shown in consumer running info. */
    String getName();
}
