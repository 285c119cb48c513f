package io.apogee.remoting.protocol.header.namesrv;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** QUERY_DATA_VERSION answer: whether the broker's data version differs from the one the NameServer holds. */
public final class QueryDataVersionResponseHeader implements CommandCustomHeader {

    private Boolean changed;

    public QueryDataVersionResponseHeader() {
    }

    public QueryDataVersionResponseHeader(boolean changed) {
        this.changed = changed;
    }

    public boolean changed() {
        return Boolean.TRUE.equals(changed);
    }
}
