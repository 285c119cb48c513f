package io.apogee.broker.metrics;

import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.common.consumer.TopicGroup;
import io.apogee.store.MessageStore;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The consumption gauges of RocketMQ 5, per topic and consumer group, computed at scrape time from this broker's own
 * offsets, summed over the group's queues (latencies: the oldest queue):
 * <ul>
 *   <li>{@code rocketmq_consumer_lag_messages}: max offset − committed offset;</li>
 *   <li>{@code rocketmq_consumer_inflight_messages}: pulled − committed (pulled up to: the next offset the group
 *       last asked for since this broker started, else its committed offset);</li>
 *   <li>{@code rocketmq_consumer_ready_messages}: max offset − pulled;</li>
 *   <li>{@code rocketmq_consumer_lag_latency}: milliseconds since the first uncommitted message was stored;</li>
 *   <li>{@code rocketmq_consumer_queueing_latency}: milliseconds since the first unpulled message was stored.</li>
 * </ul>
 * Only queues a group has committed an offset in count; none is ever negative. One scrape computes the table once for
 * all five gauges (a result younger than a second is reused).
 */
final class ConsumerLagGauges {

    private static final long REUSE_MILLIS = 1000;

    private final ConsumerOffsetManager offsets;
    private final MessageStore store;
    private final MessageMeters meters;
    private long computedAt;
    private List<Lag> last = List.of();

    /** One (topic, group)'s figures. */
    record Lag(String topic, String group, long lag, long inflight, long ready, long lagLatency,
            long queueingLatency) {
    }

    ConsumerLagGauges(ConsumerOffsetManager offsets, MessageStore store, MessageMeters meters) {
        this.offsets = offsets;
        this.store = store;
        this.meters = meters;
    }

    void register(PrometheusRegistry registry, Labels nodeLabels) {
        gauge(registry, nodeLabels, "rocketmq_consumer_lag_messages",
                "Messages not yet committed by the group: max offset - committed offset", Lag::lag);
        gauge(registry, nodeLabels, "rocketmq_consumer_inflight_messages",
                "Messages pulled but not yet committed by the group", Lag::inflight);
        gauge(registry, nodeLabels, "rocketmq_consumer_ready_messages",
                "Messages stored but not yet pulled by the group", Lag::ready);
        gauge(registry, nodeLabels, "rocketmq_consumer_lag_latency",
                "Milliseconds since the group's first uncommitted message was stored", Lag::lagLatency);
        gauge(registry, nodeLabels, "rocketmq_consumer_queueing_latency",
                "Milliseconds since the group's first unpulled message was stored", Lag::queueingLatency);
    }

    private void gauge(PrometheusRegistry registry, Labels nodeLabels, String name, String help,
            ToLongFunction<Lag> value) {
        GaugeWithCallback.builder().name(name).help(help).constLabels(nodeLabels)
                .labelNames("topic", "consumer_group")
                .callback(cb -> current().forEach(l -> cb.call(value.applyAsLong(l), l.topic(), l.group())))
                .register(registry);
    }

    /** The table, recomputed when older than {@link #REUSE_MILLIS}. */
    synchronized List<Lag> current() {
        long now = System.currentTimeMillis();
        if (now - computedAt >= REUSE_MILLIS) {
            last = compute(now);
            computedAt = now;
        }
        return last;
    }

    private List<Lag> compute(long now) {
        List<Lag> lags = new ArrayList<>();
        for (Map.Entry<TopicGroup, Map<Integer, Long>> e : offsets.snapshot().entrySet()) {
            String topic = e.getKey().topic();
            String group = e.getKey().group();
            long lag = 0;
            long inflight = 0;
            long ready = 0;
            long oldestUncommitted = Long.MAX_VALUE;
            long oldestUnpulled = Long.MAX_VALUE;
            for (Map.Entry<Integer, Long> q : e.getValue().entrySet()) {
                int queueId = q.getKey();
                long max = store.getMaxOffsetInQueue(topic, queueId);
                long committed = Math.min(Math.max(0, q.getValue()), max);
                long pulled = Math.min(Math.max(committed, meters.pulledOffset(topic, group, queueId)), max);
                lag += max - committed;
                inflight += pulled - committed;
                ready += max - pulled;
                oldestUncommitted = Math.min(oldestUncommitted, storedAt(topic, queueId, committed, max));
                oldestUnpulled = Math.min(oldestUnpulled, storedAt(topic, queueId, pulled, max));
            }
            lags.add(new Lag(topic, group, lag, inflight, ready, since(now, oldestUncommitted),
                    since(now, oldestUnpulled)));
        }
        return lags;
    }

    /** Store time of the message at {@code offset}, or {@code Long.MAX_VALUE} when there is none before max. */
    private long storedAt(String topic, int queueId, long offset, long max) {
        if (offset >= max) {
            return Long.MAX_VALUE;
        }
        long t = store.getMessageStoreTimestamp(topic, queueId, offset);
        return t < 0 ? Long.MAX_VALUE : t;
    }

    private static long since(long now, long storedAt) {
        return storedAt == Long.MAX_VALUE ? 0 : Math.max(0, now - storedAt);
    }
}
