package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.Required;

/** PUT_KV_CONFIG (100): sets one KV config value (RocketMQ's {@code PutKVConfigRequestHeader}). */
public final class PutKvConfigRequestHeader extends KvKeyHeader {

    @Required
    private String value;

    public PutKvConfigRequestHeader() {
    }

    public PutKvConfigRequestHeader(String namespace, String key, String value) {
        super(namespace, key);
        this.value = value;
    }

    public String value() {
        return value;
    }
}
