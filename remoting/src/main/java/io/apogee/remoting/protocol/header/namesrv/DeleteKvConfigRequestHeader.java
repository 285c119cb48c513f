package io.apogee.remoting.protocol.header.namesrv;

/** DELETE_KV_CONFIG (102): removes one KV config value (RocketMQ's {@code DeleteKVConfigRequestHeader}). */
public final class DeleteKvConfigRequestHeader extends KvKeyHeader {

    public DeleteKvConfigRequestHeader() {
    }

    public DeleteKvConfigRequestHeader(String namespace, String key) {
        super(namespace, key);
    }
}
