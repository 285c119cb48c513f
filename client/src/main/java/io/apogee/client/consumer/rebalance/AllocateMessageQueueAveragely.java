package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * Contiguous ranges of nearly equal size: with 8 queues and 3 consumers, the first two get 3 queues, the last 2.
 * The default strategy. Arguments are checked as {@link AbstractAllocateMessageQueueStrategy#check} says.
 */
public class AllocateMessageQueueAveragely extends AbstractAllocateMessageQueueStrategy {

    @Override
    protected List<MessageQueue> allocateChecked(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        int index = cidAll.indexOf(currentCID);
        int consumers = cidAll.size();
        int base = mqAll.size() / consumers;
        int extra = mqAll.size() % consumers;
        int size = base + (index < extra ? 1 : 0);
        int start = index * base + Math.min(index, extra);
        return new ArrayList<>(mqAll.subList(start, start + size));
    }

    @Override
    public String getName() {
        return "AVG";
    }
}
