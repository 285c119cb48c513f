package io.apogee.client.consumer.rebalance;

import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The argument checks RocketMQ 4.9's strategies share; a strategy allocates nothing when {@link #check} is false.
 * A subclass either overrides {@link #allocate} (as RocketMQ's do, calling {@link #check} itself) or implements
 * {@link #allocateChecked}, which runs only on arguments that passed the check.
 */
public abstract class AbstractAllocateMessageQueueStrategy implements AllocateMessageQueueStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractAllocateMessageQueueStrategy.class);

    /**
     * @return false when {@code currentCID} is not among {@code cidAll} (it has just joined or left the group)
     * @throws IllegalArgumentException when {@code currentCID} is empty, or either list is null or empty
     */
    public boolean check(String consumerGroup, String currentCID, List<MessageQueue> mqAll, List<String> cidAll) {
        if (currentCID == null || currentCID.isEmpty()) {
            throw new IllegalArgumentException("currentCID is empty");
        }
        if (mqAll == null || mqAll.isEmpty()) {
            throw new IllegalArgumentException("mqAll is null or mqAll empty");
        }
        if (cidAll == null || cidAll.isEmpty()) {
            throw new IllegalArgumentException("cidAll is null or cidAll empty");
        }
        if (!cidAll.contains(currentCID)) {
            LOG.info("[BUG] consumer group {}: consumer {} is not in the consumer list {}", consumerGroup, currentCID,
                    cidAll);
            return false;
        }
        return true;
    }

    /** {@link #check}, then {@link #allocateChecked}; a new empty list when the consumer is not in the group. */
    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        return check(consumerGroup, currentCID, mqAll, cidAll)
                ? allocateChecked(consumerGroup, currentCID, mqAll, cidAll) : new ArrayList<>();
    }

    /** The allocation of arguments that passed {@link #check}; a subclass overriding {@link #allocate} skips it. */
    protected List<MessageQueue> allocateChecked(String consumerGroup, String currentCID, List<MessageQueue> mqAll,
            List<String> cidAll) {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither allocate nor "
                + "allocateChecked");
    }
}
