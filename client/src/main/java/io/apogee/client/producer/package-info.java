/**
 * Producers: {@link io.apogee.client.producer.DefaultMQProducer} (sync, async, oneway, selector, batch sends with
 * retries and latency fault tolerance) and {@link io.apogee.client.producer.TransactionMQProducer}; and message trace
 * ({@code enableMsgTrace}): {@link io.apogee.client.producer.TraceEncoder} writes records of sends and consumptions in
 * RocketMQ 4.9's trace format and {@link io.apogee.client.producer.TraceDispatcher} stores them asynchronously in the
 * trace topic ({@code RMQ_SYS_TRACE_TOPIC} by default), where consoles and admins find them by message id.
 */
package io.apogee.client.producer;
