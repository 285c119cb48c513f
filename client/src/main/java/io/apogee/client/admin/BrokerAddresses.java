package io.apogee.client.admin;

import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import io.apogee.common.route.TopicRouteData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which brokers an admin call goes to, read from a route or the cluster table. */
final class BrokerAddresses {

    private BrokerAddresses() {
    }

    /** The master address of every broker of {@code route} that has one, in route order. */
    static List<String> masters(TopicRouteData route) {
        List<String> addrs = new ArrayList<>();
        for (BrokerData bd : route.brokerDatas()) {
            String addr = bd.brokerAddrs().get(BrokerData.MASTER_ID);
            if (addr != null) {
                addrs.add(addr);
            }
        }
        return addrs;
    }

    /** The master address of {@code brokerName} in {@code route}, or {@code null}. */
    static String master(TopicRouteData route, String brokerName) {
        for (BrokerData bd : route.brokerDatas()) {
            if (bd.brokerName().equals(brokerName)) {
                return bd.brokerAddrs().get(BrokerData.MASTER_ID);
            }
        }
        return null;
    }

    /** The master addresses of the brokers of {@code clusterName}, in broker-name order; empty if it has none. */
    static List<String> mastersOfCluster(ClusterInfo info, String clusterName) {
        List<String> masters = new ArrayList<>();
        for (String brokerName : new TreeSet<>(info.clusterAddrTable().getOrDefault(clusterName, Set.of()))) {
            BrokerData data = info.brokerAddrTable().get(brokerName);
            String master = data == null ? null : data.brokerAddrs().get(BrokerData.MASTER_ID);
            if (master != null) {
                masters.add(master);
            }
        }
        return masters;
    }

    /** The clusters that hold a broker of {@code route}, in name order. */
    static Set<String> clustersServing(TopicRouteData route, ClusterInfo info) {
        Set<String> found = new TreeSet<>();
        for (BrokerData broker : route.brokerDatas()) {
            info.clusterAddrTable().forEach((cluster, names) -> {
                if (names.contains(broker.brokerName())) {
                    found.add(cluster);
                }
            });
        }
        return found;
    }
}
