package io.apogee.interop.replication;

import static org.awaitility.Awaitility.await;

import io.apogee.interop.fixture.ApacheClients;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * An official 4.9.8 push consumer (from the first offset) that counts how often each message key arrived, so that a
 * test can ask for every key it expects and count the duplicates. Keyless messages (probes) are ignored.
 */
final class KeyCollector implements AutoCloseable {

    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final DefaultMQPushConsumer consumer;

    private KeyCollector(DefaultMQPushConsumer consumer) {
        this.consumer = consumer;
    }

    /** A started consumer of {@code group} subscribed to all of {@code topic}, four consume threads. */
    static KeyCollector start(String namesrv, String group, String topic) throws MQClientException {
        return start(ApacheClients.pushConsumer(namesrv, group), topic);
    }

    /** Subscribes {@code consumer} (not started yet, tuned by the caller) to all of {@code topic} and starts it. */
    static KeyCollector start(DefaultMQPushConsumer consumer, String topic) throws MQClientException {
        if (consumer.getConsumeThreadMax() < 4) {
            consumer.setConsumeThreadMax(4);
            consumer.setConsumeThreadMin(4);
        }
        KeyCollector collector = new KeyCollector(consumer);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            msgs.forEach(collector::record);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return collector;
    }

    private void record(MessageExt message) {
        String key = message.getKeys();
        if (key != null && !key.isEmpty()) {
            deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Waits (at most {@link ReplicaSet#WAIT}) until every key of {@code expected} has arrived at least once. */
    void awaitAll(Set<String> expected, String what) {
        await(what + ": " + expected.size() + " keys consumed").atMost(ReplicaSet.WAIT)
                .until(() -> missing(expected).isEmpty());
    }

    /** The keys of {@code expected} not consumed yet, in order. */
    Set<String> missing(Set<String> expected) {
        Set<String> missing = new TreeSet<>();
        for (String key : expected) {
            if (!deliveries.containsKey(key)) {
                missing.add(key);
            }
        }
        return missing;
    }

    /** Distinct keys consumed so far. */
    int distinct() {
        return deliveries.size();
    }

    Set<String> keys() {
        return Set.copyOf(deliveries.keySet());
    }

    /** Deliveries beyond the first of each key. */
    int duplicates() {
        return deliveries.values().stream().mapToInt(n -> n.get() - 1).sum();
    }

    @Override
    public void close() {
        consumer.shutdown();
    }
}
