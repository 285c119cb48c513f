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

    /** What rebalancing asks of the client instance: who this client is and who else consumes in the group. */
    interface Membership {

        /** This client's id, as the other members of the group see it. */
        String clientId();

        /** The client ids of {@code group}'s consumers, as a broker of {@code topic} knows them; empty if unknown. */
        List<String> consumerIds(String topic, String group);

        /** Fetches {@code topic}'s route; its queues arrive through {@link Rebalancer#updateTopicQueues}. */
        void refreshRoute(String topic);

        /** The client instance's view. */
        static Membership of(MQClientInstance instance) {
            return new Membership() {
                @Override
                public String clientId() {
                    return instance.clientId();
                }

                @Override
                public List<String> consumerIds(String topic, String group) {
                    return instance.findConsumerIdList(topic, group);
                }

                @Override
                public void refreshRoute(String topic) {
                    instance.updateTopicRoute(topic);
                }
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

    private final String group;
    private final MessageModel model;
    private final AllocateMessageQueueStrategy strategy;
    private final Membership membership;
    private final QueueOwner owner;
    private final Map<String, Set<MessageQueue>> topicQueues = new ConcurrentHashMap<>();

    Rebalancer(String group, MessageModel model, AllocateMessageQueueStrategy strategy, Membership membership,
            QueueOwner owner) {
        this.group = group;
        this.model = model;
        this.strategy = strategy;
        this.membership = membership;
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
                membership.refreshRoute(topic);
                all = topicQueues.get(topic);
            }
            if (all == null || all.isEmpty()) {
                continue;
            }
            if (model == MessageModel.BROADCASTING) {
                apply(topic, new HashSet<>(all));
                continue;
            }
            List<String> consumers = new ArrayList<>(membership.consumerIds(topic, group));
            if (consumers.isEmpty()) {
                continue;
            }
            consumers.sort(null);
            List<MessageQueue> sortedQueues = new ArrayList<>(new TreeSet<>(all));
            List<MessageQueue> mine = strategy.allocate(group, membership.clientId(), sortedQueues, consumers);
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
