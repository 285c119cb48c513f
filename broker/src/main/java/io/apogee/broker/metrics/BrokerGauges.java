package io.apogee.broker.metrics;

import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.store.HaStatus;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The broker's state gauges, each read at scrape time from the component that owns it: request queue depths
 * ({@code rocketmq_processor_watermark}), storage, topic and group counts, client connections, and replication.
 */
final class BrokerGauges {

    /** RocketMQ 5's storage labels: a local store on disk. */
    private static final String[] STORAGE_LABELS = {"storage_type", "storage_medium"};

    private final BrokerState state;
    private final PrometheusRegistry registry;
    private final Labels nodeLabels;

    BrokerGauges(BrokerState state, PrometheusRegistry registry, Labels nodeLabels) {
        this.state = state;
        this.registry = registry;
        this.nodeLabels = nodeLabels;
    }

    void register() {
        gauge("rocketmq_processor_watermark", "Requests waiting in each processor's queue",
                cb -> state.pools().forEach((name, pool) -> cb.call(pool.getQueue().size(), processorLabel(name))),
                "processor");
        gauge("rocketmq_storage_size", "Bytes of commit log held",
                cb -> cb.call(state.store().getMaxPhyOffset() - state.store().getMinPhyOffset(), "local", "disk"),
                STORAGE_LABELS);
        gauge("rocketmq_storage_dispatch_behind_bytes", "Commit-log bytes not yet dispatched to the consume queues",
                cb -> cb.call(state.store().stats().dispatchBehindBytes(), "local", "disk"), STORAGE_LABELS);
        gauge("rocketmq_storage_flush_behind_bytes", "Commit-log bytes written but not yet flushed to disk",
                cb -> cb.call(state.store().stats().flushBehindBytes(), "local", "disk"), STORAGE_LABELS);
        gauge("rocketmq_topic_number", "Topics this broker holds", cb -> cb.call(state.topics().topics().size()));
        gauge("rocketmq_consumer_group_number", "Subscription groups this broker holds",
                cb -> cb.call(state.groups().snapshot().getSubscriptionGroupTable().size()));
        gauge("rocketmq_producer_connections", "Producer connections, by client language and version",
                cb -> producerConnections().forEach((k, n) -> cb.call(n, k.toArray(String[]::new))),
                "language", "version");
        gauge("rocketmq_consumer_connections", "Consumer connections, by group, language, version and consume mode",
                cb -> consumerConnections().forEach((k, n) -> cb.call(n, k.toArray(String[]::new))),
                "consumer_group", "language", "version", "consume_mode");
        gauge("rocketmq_replication_lag_bytes", "On a master: commit-log bytes each connected slave has not confirmed",
                cb -> slaves().forEach(s -> cb.call(s.behindBytes(), s.address())), "slave_address");
        gauge("rocketmq_replication_replicating", "On a slave: 1 while it replicates from its master, else 0",
                cb -> {
                    HaStatus.Master master = state.store().haStatus().master();
                    if (master != null) {
                        cb.call(master.connected() ? 1 : 0);
                    }
                });
    }

    private void gauge(String name, String help, Consumer<GaugeWithCallback.Callback> callback, String... labels) {
        GaugeWithCallback.builder().name(name).help(help).constLabels(nodeLabels).labelNames(labels)
                .callback(callback).register(registry);
    }

    /** RocketMQ 5's processor names for our executors; others keep their own name. */
    static String processorLabel(String pool) {
        return switch (pool) {
            case "ApogeeSendMessage" -> "send";
            case "ApogeePullMessage" -> "pull";
            case "ApogeeQueryMessage" -> "query_message";
            case "ApogeeHeartbeat" -> "heartbeat";
            case "ApogeeConsumerManage" -> "consumer_manager";
            case "ApogeeAdmin" -> "admin";
            case "ApogeeEndTransaction" -> "transaction";
            default -> pool;
        };
    }

    private Map<List<String>, Integer> producerConnections() {
        Map<List<String>, Integer> counts = new HashMap<>();
        state.producers().groups().values().forEach(members -> members.values().forEach(
                c -> counts.merge(List.of(c.language().name().toLowerCase(Locale.ROOT),
                        String.valueOf(c.version())), 1, Integer::sum)));
        return counts;
    }

    private Map<List<String>, Integer> consumerConnections() {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (ConsumerGroupInfo group : state.consumers().groups().values()) {
            String mode = group.consumeType() == ConsumeType.CONSUME_PASSIVELY ? "push" : "pull";
            for (ClientChannelInfo c : group.channels()) {
                counts.merge(List.of(group.groupName(), c.language().name().toLowerCase(Locale.ROOT),
                        String.valueOf(c.version()), mode), 1, Integer::sum);
            }
        }
        return counts;
    }

    private List<HaStatus.Slave> slaves() {
        return state.store().haStatus().slaves().stream().filter(s -> s.behindBytes() >= 0).toList();
    }
}
