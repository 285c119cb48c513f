package io.apogee.client.producer;

import java.util.Set;

/**
 * One encoded trace record of RocketMQ's format and the keys its trace message is indexed by (the traced message's
 * id and its keys), so that a key query on the trace topic by message id finds it.
 *
 * @param data the record: fields separated by {@link TraceEncoder#FIELD_SEPARATOR}, ended by
 *             {@link TraceEncoder#RECORD_END}
 * @param keys keys of the trace message that carries it
 */
public record TraceRecord(String data, Set<String> keys) {

    public TraceRecord {
        keys = Set.copyOf(keys);
    }
}
