package io.apogee.broker.processor;

import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.TopicConfig;
import io.apogee.store.MessageStore;
import java.util.HashMap;
import java.util.Map;

/**
 * A group's consume stats in topics, as GET_CONSUME_STATS and GET_BROKER_CONSUME_STATS answer them: per write queue,
 * the broker's max offset against the group's committed offset (never negative) and the store time of the last
 * message consumed, plus the group's pull TPS. Callers wait for dispatch first when they answer a client.
 */
final class ConsumeStatsReader {

    private final String brokerName;
    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final MessageStore store;
    private final BrokerStats stats;

    ConsumeStatsReader(String brokerName, TopicConfigManager topics, ConsumerOffsetManager offsets,
            MessageStore store, BrokerStats stats) {
        this.brokerName = brokerName;
        this.topics = topics;
        this.offsets = offsets;
        this.store = store;
        this.stats = stats;
    }

    /** The group's stats over every topic of {@code topicNames} this broker has; unknown topics are skipped. */
    ConsumeStats read(String group, Iterable<String> topicNames) {
        Map<MessageQueue, OffsetWrapper> table = new HashMap<>();
        double tps = 0;
        for (String topicName : topicNames) {
            TopicConfig topic = topics.select(topicName);
            if (topic != null) {
                addQueues(group, topic, table);
                tps += stats.groupGetTps(topicName, group);
            }
        }
        ConsumeStats consumeStats = new ConsumeStats();
        consumeStats.setOffsetTable(table);
        consumeStats.setConsumeTps(tps);
        return consumeStats;
    }

    /** The sum over queues of broker offset minus consumer offset (RocketMQ's {@code computeTotalDiff}). */
    static long totalDiff(ConsumeStats consumeStats) {
        long diff = 0;
        for (OffsetWrapper offset : consumeStats.getOffsetTable().values()) {
            diff += offset.getBrokerOffset() - offset.getConsumerOffset();
        }
        return diff;
    }

    private void addQueues(String group, TopicConfig topic, Map<MessageQueue, OffsetWrapper> table) {
        String topicName = topic.getTopicName();
        for (int q = 0; q < topic.getWriteQueueNums(); q++) {
            OffsetWrapper offset = new OffsetWrapper();
            long brokerOffset = Math.max(0, store.getMaxOffsetInQueue(topicName, q));
            long consumerOffset = Math.max(0, offsets.queryOffset(group, topicName, q));
            offset.setBrokerOffset(brokerOffset);
            offset.setConsumerOffset(consumerOffset);
            offset.setLastTimestamp(consumerOffset > 0
                    ? Math.max(0, store.getMessageStoreTimestamp(topicName, q, consumerOffset - 1)) : 0);
            table.put(new MessageQueue(topicName, brokerName, q), offset);
        }
    }
}
