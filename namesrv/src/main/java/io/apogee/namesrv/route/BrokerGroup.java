package io.apogee.namesrv.route;

import io.apogee.common.route.BrokerData;
import java.util.TreeMap;

/** The mutable entry behind a {@link BrokerData}: one broker name's processes by broker id. Guarded by the table. */
final class BrokerGroup {

    final String clusterName;
    final String brokerName;
    final TreeMap<Long, String> addrsById = new TreeMap<>();

    BrokerGroup(String clusterName, String brokerName) {
        this.clusterName = clusterName;
        this.brokerName = brokerName;
    }

    BrokerData snapshot() {
        return new BrokerData(clusterName, brokerName, new TreeMap<>(addrsById));
    }
}
