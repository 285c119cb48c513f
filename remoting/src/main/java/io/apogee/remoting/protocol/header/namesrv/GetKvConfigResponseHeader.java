package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** GET_KV_CONFIG answer: the value (RocketMQ's {@code GetKVConfigResponseHeader}). */
public final class GetKvConfigResponseHeader implements CommandCustomHeader {

    private String value;

    public GetKvConfigResponseHeader() {
    }

    public GetKvConfigResponseHeader(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
