package io.apogee.broker.metrics;

import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.client.ProducerManager;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.store.MessageStore;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What the broker's gauges read at scrape time: its store, managers and request executors.
 *
 * @param pools the request executors by thread name ({@code ApogeeSendMessage}, ...), filled as the broker starts
 */
public record BrokerState(MessageStore store, TopicConfigManager topics, SubscriptionGroupManager groups,
        ConsumerOffsetManager offsets, ProducerManager producers, ConsumerManager consumers,
        Map<String, ThreadPoolExecutor> pools) {
}
