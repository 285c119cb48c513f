package io.apogee.remoting.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One server's {@code GET /metrics}: Prometheus' own HTTP exporter over the server's registry, with the JVM's metrics
 * (memory, GC, threads, classes, CPU) registered beside the server's. The exporter runs on its own daemon threads.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    private final HTTPServer server;
    private final String host;

    private PrometheusEndpoint(HTTPServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Adds the JVM metrics to {@code registry} (labelled with {@code nodeLabels}) and serves it.
     *
     * @param host the interface to listen on; empty for all of them
     * @param port the port; 0 for any free one
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public static PrometheusEndpoint start(PrometheusRegistry registry, Labels nodeLabels, String host, int port) {
        JvmMetrics.builder().constLabels(nodeLabels).register(registry);
        HTTPServer.Builder builder = HTTPServer.builder().registry(registry).port(port);
        if (!host.isBlank()) {
            builder.hostname(host);
        }
        try {
            return new PrometheusEndpoint(builder.buildAndStart(), host);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics exporter cannot listen on " + (host.isBlank() ? "*" : host) + ":"
                    + port + " (metricsPromExporterHost / port): " + e.getMessage(), e);
        }
    }

    /** The port bound (the chosen one when started with 0). */
    public int port() {
        return server.getPort();
    }

    /** Where to scrape: {@code http://host:port/metrics}, with {@code fallbackHost} when listening on all. */
    public String url(String fallbackHost) {
        return "http://" + (host.isBlank() ? fallbackHost : host) + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        server.close();
    }
}
