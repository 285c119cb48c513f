/**
 * A topic's route as the NameServer serves it and clients read it (RocketMQ's {@code common.protocol.route}
 * package): which brokers hold which queues, and their addresses; and the cluster view (cluster → broker names →
 * addresses). Plain values: remoting's {@code BodyJson} writes and reads them in RocketMQ's JSON shapes.
 */
package io.apogee.common.route;
