package io.apogee.common.admin;

import java.util.LinkedHashSet;
import java.util.Set;

/** GET_PRODUCER_CONNECTION_LIST (204) response body: a producer group's online clients. */
public class ProducerConnection {

    private Set<Connection> connectionSet = new LinkedHashSet<>();



    public Set<Connection> getConnectionSet() {
        return connectionSet;
    }

    public void setConnectionSet(Set<Connection> connectionSet) {
        this.connectionSet = connectionSet;
    }
}
