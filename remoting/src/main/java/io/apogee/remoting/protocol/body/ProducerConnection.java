package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashSet;
import java.util.Set;

/** GET_PRODUCER_CONNECTION_LIST (204) response body: a producer group's online clients. */
public class ProducerConnection {

    private Set<Connection> connectionSet = new LinkedHashSet<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static ProducerConnection decode(byte[] body) {
        return JSON.parseObject(body, ProducerConnection.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Set<Connection> getConnectionSet() {
        return connectionSet;
    }

    public void setConnectionSet(Set<Connection> connectionSet) {
        this.connectionSet = connectionSet;
    }
}
