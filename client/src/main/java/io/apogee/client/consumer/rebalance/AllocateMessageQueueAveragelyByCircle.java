package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/** Deals the queues out like cards: consumer {@code i} gets queues {@code i, i + n, i + 2n, ...}. */
public class AllocateMessageQueueAveragelyByCircle extends AbstractAllocateMessageQueueStrategy {

    @Override
    protected List<MessageQueue> allocateChecked(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        int index = cidAll.indexOf(currentCID);
        List<MessageQueue> mine = new ArrayList<>();
        for (int i = index; i < mqAll.size(); i += cidAll.size()) {
            mine.add(mqAll.get(i));
        }
        return mine;
    }

    @Override
    public String getName() {
        return "AVG_BY_CIRCLE";
    }
}
