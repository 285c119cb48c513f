package io.apogee.remoting.protocol.header.namesrv;

/**
 * QUERY_DATA_VERSION (322): asks whether the NameServer holds an older topic config than the broker; the body is the
 * broker's {@link io.apogee.remoting.protocol.body.DataVersion}.
 */
public final class QueryDataVersionRequestHeader extends BrokerIdentityHeader {

    public QueryDataVersionRequestHeader() {
    }

    public QueryDataVersionRequestHeader(String clusterName, String brokerName, long brokerId, String brokerAddr) {
        super(clusterName, brokerName, brokerId, brokerAddr);
    }
}
