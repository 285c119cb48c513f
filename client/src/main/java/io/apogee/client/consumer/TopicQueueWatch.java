package io.apogee.client.consumer;

import io.apogee.client.MQClientException;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.service.PeriodicTask;
import io.apogee.common.service.ServiceRunner;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lite pull consumer's topic metadata check: every {@code topicMetadataCheckIntervalMillis} it fetches the queues
 * of each topic with a {@link TopicMessageQueueChangeListener} and tells the listener when they differ from the
 * last ones seen (not on registration, as RocketMQ).
 */
final class TopicQueueWatch implements AutoCloseable {

    /** Fetches a topic's readable queues, fetching its route first. */
    interface QueueSource {
        Set<MessageQueue> queues(String topic) throws MQClientException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicQueueWatch.class);

    private final Map<String, TopicMessageQueueChangeListener> listeners = new ConcurrentHashMap<>();
    /** The queues last seen per topic; absent until a fetch has succeeded. */
    private final Map<String, Set<MessageQueue>> lastSeen = new ConcurrentHashMap<>();
    private final QueueSource source;
    private final ServiceRunner runner;

    TopicQueueWatch(String group, QueueSource source, long intervalMillis) {
        this.source = source;
        this.runner = new ServiceRunner(new PeriodicTask("ApogeeTopicQueueWatch_" + group, this::checkAll),
                intervalMillis, TimeUnit.MILLISECONDS);
    }

    void start() {
        runner.start();
    }

    /**
     * Watches {@code topic}, taking its current queues as the baseline; a second listener for a topic is ignored.
     *
     * @throws MQClientException when the topic has no route yet; the listener stays registered and is told of the
     *                           queues once a check finds them
     */
    void register(String topic, TopicMessageQueueChangeListener listener) throws MQClientException {
        if (listeners.putIfAbsent(topic, listener) != null) {
            LOG.warn("topic {} already has a queue change listener; the new one is ignored", topic);
            return;
        }
        lastSeen.put(topic, Set.copyOf(source.queues(topic)));
    }

    /** Compares every watched topic's queues with the last seen, telling its listener of a change. */
    void checkAll() {
        listeners.forEach((topic, listener) -> {
            try {
                Set<MessageQueue> now = Set.copyOf(source.queues(topic));
                Set<MessageQueue> before = lastSeen.put(topic, now);
                if (!now.equals(before)) {
                    listener.onChanged(topic, now);
                }
            } catch (MQClientException e) {
                LOG.warn("queues of topic {} not checked: {}", topic, e.getErrorMessage());
            } catch (RuntimeException e) {
                LOG.warn("queue change listener of topic {} failed", topic, e);
            }
        });
    }

    @Override
    public void close() {
        runner.close();
    }
}
