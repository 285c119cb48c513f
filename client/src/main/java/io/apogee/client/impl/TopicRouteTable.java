package io.apogee.client.impl;

import io.apogee.common.route.BrokerData;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routes a client instance has fetched, and the broker addresses they name. It outlives NameServer outages:
 * entries only change when a fresh route arrives, and an address is only forgotten when no route names it.
 */
final class TopicRouteTable {

    private final Map<String, TopicRouteData> routes = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, String>> brokerAddrs = new ConcurrentHashMap<>();

    /**
     * Stores {@code route} for {@code topic}.
     *
     * @return whether it names a broker address not known before
     */
    boolean put(String topic, TopicRouteData route) {
        routes.put(topic, route);
        boolean newBroker = false;
        for (BrokerData bd : route.brokerDatas()) {
            Map<Long, String> previous = brokerAddrs.put(bd.brokerName(), Map.copyOf(bd.brokerAddrs()));
            newBroker |= previous == null || !previous.values().containsAll(bd.brokerAddrs().values());
        }
        return newBroker;
    }

    TopicRouteData get(String topic) {
        return routes.get(topic);
    }

    /** Broker name to its addresses by broker id. */
    Map<String, Map<Long, String>> brokerAddrs() {
        return brokerAddrs;
    }

    /** {@code route} with at most {@code queueNums} queues per broker: the producer's view of TBW102's route. */
    static TopicRouteData clamp(TopicRouteData route, int queueNums) {
        if (route == null) {
            return null;
        }
        List<QueueData> clamped = new ArrayList<>();
        for (QueueData qd : route.queueDatas()) {
            int n = Math.min(queueNums, qd.readQueueNums());
            clamped.add(new QueueData(qd.brokerName(), n, n, qd.perm(), qd.topicSysFlag()));
        }
        return new TopicRouteData(null, clamped, route.brokerDatas(), route.filterServerTable());
    }

    /** The master address of {@code brokerName}, or {@code null} when unknown. */
    String masterAddr(String brokerName) {
        Map<Long, String> addrs = brokerAddrs.get(brokerName);
        return addrs == null ? null : addrs.get(BrokerData.MASTER_ID);
    }

    /** The address of {@code brokerName}'s broker {@code brokerId}, else any of its brokers, else {@code null}. */
    String addr(String brokerName, long brokerId) {
        Map<Long, String> addrs = brokerAddrs.get(brokerName);
        if (addrs == null || addrs.isEmpty()) {
            return null;
        }
        String addr = addrs.get(brokerId);
        return addr != null ? addr : addrs.values().iterator().next();
    }

    /** The address of one broker serving {@code topic}, preferring masters, or {@code null}. */
    String anyAddrOf(String topic) {
        TopicRouteData route = routes.get(topic);
        if (route == null) {
            return null;
        }
        for (BrokerData bd : route.brokerDatas()) {
            String addr = addr(bd.brokerName(), BrokerData.MASTER_ID);
            if (addr != null) {
                return addr;
            }
        }
        return null;
    }

    /** Forgets broker addresses no stored route mentions any more. */
    void cleanOfflineBrokers() {
        Set<String> live = new HashSet<>();
        routes.values().forEach(r -> r.brokerDatas().forEach(bd -> live.addAll(bd.brokerAddrs().values())));
        brokerAddrs.replaceAll((name, addrs) -> {
            Map<Long, String> kept = new ConcurrentHashMap<>(addrs);
            kept.values().removeIf(a -> !live.contains(a));
            return kept;
        });
        brokerAddrs.values().removeIf(Map::isEmpty);
    }
}
