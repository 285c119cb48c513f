/**
 * What admin requests answer and admin tools show: queue offsets of topics and groups, client connections, consumer
 * running info, subscription group settings (RocketMQ's {@code common.admin} and {@code common.protocol.body}
 * values). Plain values; remoting's {@code BodyJson} writes and reads them in RocketMQ's JSON shapes.
 */
package io.apogee.common.admin;
