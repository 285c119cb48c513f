package io.apogee.client.consumer;

import io.apogee.client.consumer.rebalance.AllocateMessageQueueStrategy;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.consumer.MessageModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which of a topic's queues this consumer owns (all of them when broadcasting; its share by the allocation
 * strategy when clustering) and tells the {@link QueueOwner} to release and acquire queues accordingly.
 */
final class Rebalancer {

    /** The side that actually holds queues: a push consumer's process queues, a lite-pull consumer's assignment. */
    interface QueueOwner {
        /** Queues of {@code topic} currently held. */
        Set<MessageQueue> ownedQueues(String topic);

        /** Stops consuming {@code mq} (persisting its offset); false when it cannot be released yet. */
        boolean release(MessageQueue mq);

        /** Starts consuming {@code mq}; false when it cannot be taken now (it is retried next round). */
        boolean acquire(MessageQueue mq);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

    private final String group;
    private final MessageModel model;
    private final AllocateMessageQueueStrategy strategy;
    private final MQClientInstance instance;
    private final QueueOwner owner;
    private final Map<String, Set<MessageQueue>> topicQueues = new ConcurrentHashMap<>();

    Rebalancer(String group, MessageModel model, AllocateMessageQueueStrategy strategy, MQClientInstance instance,
            QueueOwner owner) {
        this.group = group;
        this.model = model;
        this.strategy = strategy;
        this.instance = instance;
        this.owner = owner;
    }

    /** A fresh set of readable queues of {@code topic} from the route. */
    void updateTopicQueues(String topic, Set<MessageQueue> queues) {
        topicQueues.put(topic, Set.copyOf(queues));
    }

    /** The readable queues of {@code topic}, or an empty set before its route is known. */
    Set<MessageQueue> topicQueues(String topic) {
        return topicQueues.getOrDefault(topic, Set.of());
    }

    /** Re-divides every topic in {@code topics}. */
    void rebalance(Set<String> topics) {
        for (String topic : topics) {
            Set<MessageQueue> all = topicQueues.get(topic);
            if (all == null) {
                instance.updateTopicRoute(topic);
                all = topicQueues.get(topic);
            }
            if (all == null || all.isEmpty()) {
                continue;
            }
            if (model == MessageModel.BROADCASTING) {
                apply(topic, new HashSet<>(all));
                continue;
            }
            List<String> consumers = new ArrayList<>(instance.findConsumerIdList(topic, group));
            if (consumers.isEmpty()) {
                continue;
            }
            consumers.sort(null);
            List<MessageQueue> sortedQueues = new ArrayList<>(new TreeSet<>(all));
            List<MessageQueue> mine = strategy.allocate(group, instance.clientId(), sortedQueues, consumers);
            apply(topic, new HashSet<>(mine));
        }
    }

    private void apply(String topic, Set<MessageQueue> allocated) {
        for (MessageQueue held : owner.ownedQueues(topic)) {
            if (!allocated.contains(held) && owner.release(held)) {
                LOG.info("group {} released {}", group, held);
            }
        }
        Set<MessageQueue> owned = owner.ownedQueues(topic);
        for (MessageQueue mq : allocated) {
            if (!owned.contains(mq) && owner.acquire(mq)) {
                LOG.info("group {} took {}", group, mq);
            }
        }
    }
}
