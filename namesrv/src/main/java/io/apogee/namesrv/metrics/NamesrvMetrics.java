package io.apogee.namesrv.metrics;

import io.apogee.common.route.BrokerData;
import io.apogee.namesrv.config.NamesrvConfig;
import io.apogee.namesrv.route.RouteTable;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.metrics.MetricsExporterType;
import io.apogee.remoting.metrics.PrometheusEndpoint;
import io.apogee.remoting.metrics.RpcLatencyHook;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NameServer's metrics, served on {@code GET /metrics} when {@code metricsExporterType=PROM} (on
 * {@code namesrvMetricsPromExporterPort}): {@code rocketmq_rpc_latency} per request and response code, the queue
 * depth of its two executors ({@code rocketmq_processor_watermark}), the live brokers registered per cluster
 * ({@code rocketmq_broker_number}) and the JVM's. Every series carries {@code node_type=nameserver} and
 * {@code node_id} (its {@code host:listenPort}).
 */
public final class NamesrvMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvMetrics.class);

    private final NamesrvConfig config;
    private final PrometheusRegistry registry;
    private final Labels nodeLabels;
    private final RpcLatencyHook rpcLatency;
    private PrometheusEndpoint endpoint;

    /**
     * The metrics {@code config} asks for; nothing is served before {@link #start}.
     *
     * @param nodeId the NameServer's {@code host:port}
     * @param pools  its executors by processor name
     */
    public NamesrvMetrics(NamesrvConfig config, String nodeId, RouteTable routes,
            Map<String, ThreadPoolExecutor> pools) {
        this.config = config;
        if (config.metricsExporterType() == MetricsExporterType.DISABLE) {
            registry = null;
            nodeLabels = null;
            rpcLatency = null;
            return;
        }
        registry = new PrometheusRegistry();
        nodeLabels = Labels.of("node_type", "nameserver", "node_id", nodeId);
        rpcLatency = new RpcLatencyHook(registry, nodeLabels);
        GaugeWithCallback.builder().name("rocketmq_processor_watermark")
                .help("Requests waiting in each processor's queue").constLabels(nodeLabels).labelNames("processor")
                .callback(cb -> pools.forEach((name, pool) -> cb.call(pool.getQueue().size(), name)))
                .register(registry);
        GaugeWithCallback.builder().name("rocketmq_broker_number")
                .help("Live broker processes registered, by their cluster").constLabels(nodeLabels)
                .labelNames("cluster").callback(cb -> brokersByCluster(routes).forEach((c, n) -> cb.call(n, c)))
                .register(registry);
    }

    private static Map<String, Integer> brokersByCluster(RouteTable routes) {
        Map<String, Integer> counts = new HashMap<>();
        for (BrokerData broker : routes.clusterInfo().brokerAddrTable().values()) {
            counts.merge(broker.cluster(), broker.brokerAddrs().size(), Integer::sum);
        }
        return counts;
    }

    /** The per-request latency hook to register on the server, or {@code null} when disabled. */
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
            endpoint = PrometheusEndpoint.start(registry, nodeLabels, config.metricsPromExporterHost(),
                    config.namesrvMetricsPromExporterPort());
            LOG.info("NameServer serves metrics at {}", url());
        }
    }

    /** Where to scrape ({@code http://host:port/metrics}), or {@code null} when not serving. */
    public String url() {
        return endpoint == null ? null : endpoint.url("127.0.0.1");
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
