package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.Required;

/** GET_KVLIST_BY_NAMESPACE (219): every key of one namespace (RocketMQ's {@code GetKVListByNamespaceRequestHeader}). */
public final class GetKvListByNamespaceRequestHeader implements CommandCustomHeader {

    @Required
    private String namespace;

    public GetKvListByNamespaceRequestHeader() {
    }

    public GetKvListByNamespaceRequestHeader(String namespace) {
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }
}
