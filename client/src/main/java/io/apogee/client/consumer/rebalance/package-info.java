/** Strategies dividing a topic's queues among a consumer group. */
package io.apogee.client.consumer.rebalance;
