/**
 * A topic's route as the NameServer serves it and clients parse it (RocketMQ's
 * {@code common.protocol.route} package): which brokers hold which queues, and their addresses.
 * JSON property names are the record component names; see {@link io.apogee.remoting.protocol.body.BodyJson}.
 */
package io.apogee.remoting.protocol.route;
