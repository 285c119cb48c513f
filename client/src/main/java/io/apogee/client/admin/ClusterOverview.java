package io.apogee.client.admin;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every broker process the NameServer knows, with its figures ({@code clusterList}), ordered by cluster, broker name
 * and broker id. A broker that does not answer is listed with its error, never left out.
 */
public record ClusterOverview(List<BrokerOverview> brokers) {

    /** The brokers that did not answer. */
    public List<BrokerOverview> unanswered() {
        return brokers.stream().filter(b -> !b.answered()).toList();
    }

    /** Asks every broker of {@code info} for its runtime stats with {@code stats}, as of {@code nowMillis}. */
    static ClusterOverview collect(ClusterInfo info, BrokerCall<Map<String, String>> stats, long nowMillis)
            throws InterruptedException {
        List<BrokerOverview> brokers = new ArrayList<>();
        for (Map.Entry<String, Set<String>> cluster : new TreeMap<>(info.clusterAddrTable()).entrySet()) {
            for (String brokerName : new TreeSet<>(cluster.getValue())) {
                BrokerData data = info.brokerAddrTable().get(brokerName);
                if (data == null) {
                    continue;
                }
                for (Map.Entry<Long, String> broker : new TreeMap<>(data.brokerAddrs()).entrySet()) {
                    brokers.add(ask(cluster.getKey(), brokerName, broker.getKey(), broker.getValue(), stats,
                            nowMillis));
                }
            }
        }
        return new ClusterOverview(List.copyOf(brokers));
    }

    private static BrokerOverview ask(String cluster, String brokerName, long id, String addr,
            BrokerCall<Map<String, String>> stats, long nowMillis) throws InterruptedException {
        try {
            return new BrokerOverview(cluster, brokerName, id, addr, BrokerFigures.of(stats.call(addr), nowMillis),
                    null);
        } catch (MQClientException | MQBrokerException | IllegalArgumentException e) {
            return new BrokerOverview(cluster, brokerName, id, addr, null, e.getMessage());
        }
    }
}
