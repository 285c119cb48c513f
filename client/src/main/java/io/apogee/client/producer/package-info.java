/**
 * Producers: {@link io.apogee.client.producer.DefaultMQProducer} (sync, async, oneway, selector, batch sends with
 * retries and latency fault tolerance) and {@link io.apogee.client.producer.TransactionMQProducer}; and message trace
 * ({@code enableMsgTrace}): {@link io.apogee.client.producer.TraceEncoder} writes records of sends and consumptions in
 * RocketMQ 4.9's trace format and {@link io.apogee.client.producer.TraceDispatcher} stores them asynchronously in the
 * trace topic ({@code RMQ_SYS_TRACE_TOPIC} by default), where consoles and admins find them by message id; and
 * request-reply: {@code DefaultMQProducer.request} waits in {@link io.apogee.client.producer.RequestFutureHolder} for
 * the reply a consumer sends with {@code MessageUtil.createReplyMessage}, which the broker pushes back.
 */
package io.apogee.client.producer;
