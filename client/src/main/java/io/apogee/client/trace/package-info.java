/**
 * Message trace ({@code enableMsgTrace}): records of sends and consumptions in RocketMQ 4.9's trace format, stored
 * asynchronously in the trace topic ({@code RMQ_SYS_TRACE_TOPIC} by default) where consoles and admins find them by
 * message id.
 */
package io.apogee.client.trace;
