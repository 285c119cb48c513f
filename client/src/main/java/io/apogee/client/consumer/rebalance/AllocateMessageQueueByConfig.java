package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.List;

/** Always the queues set by {@link #setMessageQueueList}, whatever the group and its consumers (none when unset). */
public class AllocateMessageQueueByConfig extends AbstractAllocateMessageQueueStrategy {

    private volatile List<MessageQueue> messageQueueList = List.of();

    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        return messageQueueList;
    }

    @Override
    public String getName() {
        return "CONFIG";
    }

    public List<MessageQueue> getMessageQueueList() {
        return messageQueueList;
    }

    /** The queues this consumer owns; {@code null} means none. */
    public void setMessageQueueList(List<MessageQueue> messageQueueList) {
        this.messageQueueList = messageQueueList == null ? List.of() : List.copyOf(messageQueueList);
    }
}
