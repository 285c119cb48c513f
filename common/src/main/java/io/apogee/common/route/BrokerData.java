package io.apogee.common.route;

import java.util.Map;

/**
 * The processes serving one broker name: broker id (0 = master, others = slaves) to {@code ip:port}. On the wire
 * {@code brokerAddrs} has numeric keys; see {@link io.apogee.remoting.protocol.body.BodyJson} for how they are
 * quoted.
 */
public record BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs) {

    /** The broker id of a master. */
    public static final long MASTER_ID = 0L;
}
