package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.List;

/**
 * Contiguous ranges of nearly equal size: with 8 queues and 3 consumers, the first two get 3 queues, the last 2.
 * The default strategy.
 */
public class AllocateMessageQueueAveragely implements AllocateMessageQueueStrategy {

    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        int index = cidAll.indexOf(currentCID);
        if (index < 0 || mqAll.isEmpty()) {
            return List.of();
        }
        int consumers = cidAll.size();
        int base = mqAll.size() / consumers;
        int extra = mqAll.size() % consumers;
        int size = base + (index < extra ? 1 : 0);
        int start = index * base + Math.min(index, extra);
        return List.copyOf(mqAll.subList(start, start + size));
    }

    @Override
    public String getName() {
        return "AVG";
    }
}
