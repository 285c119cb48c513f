/** Producers: {@link io.apogee.client.producer.DefaultMQProducer} (sync, async, oneway, selector, batch sends with retries and latency fault tolerance) and {@link io.apogee.client.producer.TransactionMQProducer}. */
package io.apogee.client.producer;
