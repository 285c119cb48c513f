package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** One key of the NameServer's KV config: a namespace (e.g. {@code ORDER_TOPIC_CONFIG}) and a key in it. */
public abstract class KvKeyHeader implements CommandCustomHeader {

    @Required
    private String namespace;
    @Required
    private String key;

    protected KvKeyHeader() {
    }

    protected KvKeyHeader(String namespace, String key) {
        this.namespace = namespace;
        this.key = key;
    }

    public String namespace() {
        return namespace;
    }

    public String key() {
        return key;
    }
}
