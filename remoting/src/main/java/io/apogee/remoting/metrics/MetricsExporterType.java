package io.apogee.remoting.metrics;

/**
 * RocketMQ 5's {@code metricsExporterType} key: whether a server exports metrics. Apogee serves them to Prometheus
 * ({@link #PROM}); RocketMQ 5's {@code OTLP_GRPC} and {@code LOG} exporters are not implemented, so a config naming
 * them is refused at start.
 */
public enum MetricsExporterType {
    /** No metrics are collected or served (the default). */
    DISABLE,
    /** {@code GET /metrics} in the Prometheus text format on {@code metricsPromExporterHost:port}. */
    PROM
}
