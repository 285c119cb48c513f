package io.apogee.broker.metrics;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.metrics.MetricsExporterType;
import io.apogee.remoting.metrics.PrometheusEndpoint;
import io.apogee.remoting.metrics.RpcLatencyHook;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker's metrics under RocketMQ 5's names, served on {@code GET /metrics} when {@code metricsExporterType=PROM}:
 * the message-path counters ({@link MessageMeters}), per-request latency (an {@link RpcHook}), the consumption and
 * state gauges read at scrape time, and the JVM's. Every series carries {@code cluster}, {@code node_type=broker}
 * and {@code node_id} (the broker name). With {@code DISABLE} nothing is registered and the meters are
 * {@link MessageMeters#OFF}.
 */
public final class BrokerMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMetrics.class);

    private final BrokerConfig config;
    private final PrometheusRegistry registry;
    private final Labels nodeLabels;
    private final MessageMeters meters;
    private final RpcLatencyHook rpcLatency;
    private PrometheusEndpoint endpoint;

    /** The metrics {@code config} asks for, over {@code state}; nothing is served before {@link #start}. */
    public BrokerMetrics(BrokerConfig config, BrokerState state) {
        this.config = config;
        if (config.getMetricsExporterType() == MetricsExporterType.DISABLE) {
            registry = null;
            nodeLabels = null;
            meters = MessageMeters.OFF;
            rpcLatency = null;
            return;
        }
        registry = new PrometheusRegistry();
        nodeLabels = Labels.of("cluster", config.getBrokerClusterName(), "node_type", "broker", "node_id",
                config.getBrokerName());
        meters = new MessageMeters(registry, nodeLabels);
        rpcLatency = new RpcLatencyHook(registry, nodeLabels);
        new ConsumerLagGauges(state.offsets(), state.store(), meters).register(registry, nodeLabels);
        new BrokerGauges(state, registry, nodeLabels).register();
    }

    /** What the message path increments (the {@link MessageMeters#OFF} ones when disabled). */
    public MessageMeters meters() {
        return meters;
    }

    /** The per-request latency hook to register on the broker's servers, or {@code null} when disabled. */
    public RpcHook rpcHook() {
        return rpcLatency;
    }

    /**
     * Starts serving {@code /metrics} (when enabled).
     *
     * @throws java.io.UncheckedIOException naming the address when the port cannot be bound
     */
    public void start() {
        if (registry != null) {
            endpoint = PrometheusEndpoint.start(registry, nodeLabels, config.getMetricsPromExporterHost(),
                    config.getMetricsPromExporterPort());
            LOG.info("broker {} serves metrics at {}", config.getBrokerName(), url());
        }
    }

    /** Where to scrape ({@code http://host:port/metrics}), or {@code null} when not serving. */
    public String url() {
        return endpoint == null ? null : endpoint.url(config.getBrokerIP1().isBlank() ? "127.0.0.1"
                : config.getBrokerIP1());
    }

    /** Stops serving; idempotent. */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }
}
