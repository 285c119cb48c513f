package io.apogee.remoting.protocol.header.namesrv;

/** GET_KV_CONFIG (101): reads one KV config value (RocketMQ's {@code GetKVConfigRequestHeader}). */
public final class GetKvConfigRequestHeader extends KvKeyHeader {

    public GetKvConfigRequestHeader() {
    }

    public GetKvConfigRequestHeader(String namespace, String key) {
        super(namespace, key);
    }
}
