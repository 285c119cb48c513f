package io.apogee.remoting.protocol.body;

import java.util.Map;

/** A string map (RocketMQ's {@code KVTable}): a KV config namespace, or a broker's runtime info. */
public record KvTable(Map<String, String> table) {
}
