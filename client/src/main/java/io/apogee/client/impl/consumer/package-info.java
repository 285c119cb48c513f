/**
 * Consumer internals independent of the consumer API and shared by push and lite-pull consumers: the puller (pull
 * requests, tag filtering, offset-store choice, heartbeat entry, each kind's RocketMQ back-off timings), process
 * queues, local flow-control thresholds and start offsets.
 */
package io.apogee.client.impl.consumer;
