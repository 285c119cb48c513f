/**
 * JSON bodies of the RocketMQ protocol (RocketMQ's {@code common.protocol.body} package and friends),
 * as records whose component names are the JSON property names; {@link io.apogee.remoting.protocol.body.BodyJson}
 * reads and writes them the way RocketMQ 4.9.x peers expect.
 */
package io.apogee.remoting.protocol.body;
