package io.apogee.client;

/**
 * Where a client's servers run, as RocketMQ's setting of that name: {@link #LOCAL} for a self-run cluster (the
 * default, and what Apogee's servers are), {@link #CLOUD} for a cloud provider's hosted RocketMQ, whose trace records
 * RocketMQ writes in a shorter form. Apogee's client writes traces in the {@code LOCAL} form either way.
 */
public enum AccessChannel {
    LOCAL,
    CLOUD
}
