package io.apogee.broker.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters the message path increments: messages and bytes in per topic and message type (with the size
 * histogram), out per topic and consumer group, dead letters per topic and group, and the offset each group last
 * pulled up to in each queue (for the ready and in-flight gauges).
 *
 * <p>The hot path allocates nothing and takes no lock once a topic (and group) has been seen: the labelled data
 * points are created on first use and cached in maps keyed by topic (then by group), so a send or a pull is a map
 * lookup and a few {@code LongAdder} increments.
 */
public final class MessageMeters {

    /** The meters of a broker without metrics: every method returns at once. */
    public static final MessageMeters OFF = new MessageMeters();

    /** RocketMQ 5's message size buckets: 1 KiB, 4 KiB, 512 KiB, 1 MiB, 2 MiB, 4 MiB. */
    private static final double[] SIZE_BUCKETS = {1024, 4 * 1024, 512 * 1024, 1024 * 1024, 2 * 1024 * 1024,
        4 * 1024 * 1024};

    private final boolean on;
    private final Counter messagesIn;
    private final Counter throughputIn;
    private final Histogram messageSize;
    private final Counter messagesOut;
    private final Counter throughputOut;
    private final Counter deadLetters;
    /** Per message type (by ordinal): topic to its data points. */
    private final ConcurrentMap<String, InPoints>[] in;
    private final ConcurrentMap<String, ConcurrentMap<String, OutPoints>> out = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, CounterDataPoint>> dead = new ConcurrentHashMap<>();

    private record InPoints(CounterDataPoint messages, CounterDataPoint bytes, DistributionDataPoint size) {
    }

    @SuppressWarnings("unchecked")
    private MessageMeters() {
        on = false;
        messagesIn = throughputIn = messagesOut = throughputOut = deadLetters = null;
        messageSize = null;
        in = null;
    }

    /** Registers the counters in {@code registry}, each labelled with the node's {@code nodeLabels}. */
    @SuppressWarnings("unchecked")
    MessageMeters(PrometheusRegistry registry, Labels nodeLabels) {
        on = true;
        messagesIn = counter(registry, nodeLabels, "rocketmq_messages_in_total", "Messages stored",
                "topic", "message_type");
        throughputIn = counter(registry, nodeLabels, "rocketmq_throughput_in_total", "Bytes stored",
                "topic", "message_type");
        messageSize = Histogram.builder().name("rocketmq_message_size").help("Size of stored messages, in bytes")
                .constLabels(nodeLabels).labelNames("topic", "message_type").classicOnly()
                .classicUpperBounds(SIZE_BUCKETS).withoutExemplars().register(registry);
        messagesOut = counter(registry, nodeLabels, "rocketmq_messages_out_total", "Messages pulled",
                "topic", "consumer_group");
        throughputOut = counter(registry, nodeLabels, "rocketmq_throughput_out_total", "Bytes pulled",
                "topic", "consumer_group");
        deadLetters = counter(registry, nodeLabels, "rocketmq_send_to_dlq_messages_total",
                "Messages moved to their group's dead-letter topic, by original topic", "topic", "consumer_group");
        in = new ConcurrentMap[MessageType.values().length];
        Arrays.setAll(in, i -> new ConcurrentHashMap<>());
    }

    private static Counter counter(PrometheusRegistry registry, Labels nodeLabels, String name, String help,
            String... labels) {
        return Counter.builder().name(name).help(help).constLabels(nodeLabels).labelNames(labels)
                .withoutExemplars().register(registry);
    }

    /** Counts {@code messages} stored in {@code topic} totalling {@code bytes} (as the store wrote them). */
    public void sent(String topic, MessageType type, int messages, long bytes) {
        if (!on || messages <= 0) {
            return;
        }
        InPoints p = in[type.ordinal()].get(topic);
        if (p == null) {
            p = in[type.ordinal()].computeIfAbsent(topic, t -> new InPoints(
                    messagesIn.labelValues(t, type.label()), throughputIn.labelValues(t, type.label()),
                    messageSize.labelValues(t, type.label())));
        }
        p.messages.inc(messages);
        p.bytes.inc(bytes);
        p.size.observe((double) bytes / messages);
    }

    /**
     * Counts a pull of {@code messages} totalling {@code bytes} from a queue by {@code group}, which will pull from
     * {@code nextBeginOffset} next.
     */
    public void pulled(String topic, String group, int queueId, int messages, long bytes, long nextBeginOffset) {
        if (!on) {
            return;
        }
        OutPoints p = outPoints(topic, group);
        if (messages > 0) {
            p.messages.inc(messages);
            p.bytes.inc(bytes);
        }
        p.pulledUpTo(queueId, nextBeginOffset);
    }

    private OutPoints outPoints(String topic, String group) {
        ConcurrentMap<String, OutPoints> groups = out.get(topic);
        if (groups == null) {
            groups = out.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        }
        OutPoints p = groups.get(group);
        if (p == null) {
            p = groups.computeIfAbsent(group, g -> new OutPoints(messagesOut.labelValues(topic, g),
                    throughputOut.labelValues(topic, g)));
        }
        return p;
    }

    /** Counts a message of {@code topic} (its original topic) that {@code group} sent to its dead-letter topic. */
    public void deadLettered(String topic, String group) {
        if (!on) {
            return;
        }
        ConcurrentMap<String, CounterDataPoint> groups = dead.get(topic);
        if (groups == null) {
            groups = dead.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        }
        CounterDataPoint p = groups.get(group);
        if (p == null) {
            p = groups.computeIfAbsent(group, g -> deadLetters.labelValues(topic, g));
        }
        p.inc();
    }

    /** The offset {@code group} last asked to pull next in the queue since the broker started, or -1. */
    long pulledOffset(String topic, String group, int queueId) {
        ConcurrentMap<String, OutPoints> groups = out.get(topic);
        OutPoints p = groups == null ? null : groups.get(group);
        return p == null ? -1 : p.pulledOffset(queueId);
    }

    /** One (topic, group)'s counters and its pull positions, per queue id, grown on a queue id first seen. */
    private static final class OutPoints {
        final CounterDataPoint messages;
        final CounterDataPoint bytes;
        private volatile AtomicLongArray pulled = unknown(8);

        OutPoints(CounterDataPoint messages, CounterDataPoint bytes) {
            this.messages = messages;
            this.bytes = bytes;
        }

        void pulledUpTo(int queueId, long offset) {
            if (queueId < 0) {
                return;
            }
            AtomicLongArray positions = pulled;
            if (queueId >= positions.length()) {
                positions = grow(queueId);
            }
            positions.set(queueId, offset);
        }

        /**
         * Rare (a queue id beyond the array): copied under the lock, so two growers keep each other's positions; a
         * position set in the old array while it is copied may be lost until that queue's next pull.
         */
        private synchronized AtomicLongArray grow(int queueId) {
            AtomicLongArray old = pulled;
            if (queueId < old.length()) {
                return old;
            }
            AtomicLongArray grown = unknown(Math.max(queueId + 1, old.length() * 2));
            for (int i = 0; i < old.length(); i++) {
                grown.set(i, old.get(i));
            }
            pulled = grown;
            return grown;
        }

        long pulledOffset(int queueId) {
            AtomicLongArray positions = pulled;
            return queueId >= 0 && queueId < positions.length() ? positions.get(queueId) : -1;
        }

        private static AtomicLongArray unknown(int length) {
            AtomicLongArray positions = new AtomicLongArray(length);
            for (int i = 0; i < length; i++) {
                positions.set(i, -1);
            }
            return positions;
        }
    }
}
