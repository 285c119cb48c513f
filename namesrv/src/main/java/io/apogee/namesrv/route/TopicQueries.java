package io.apogee.namesrv.route;

import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.common.route.QueueData;
import io.apogee.common.topic.TopicSysFlag;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/** The topic lists the tools ask for, read from a {@link RouteTable}. */
public final class TopicQueries {

    private final RouteTable routeTable;

    public TopicQueries(RouteTable routeTable) {
        this.routeTable = routeTable;
    }

    /** GET_ALL_TOPIC_LIST_FROM_NAMESERVER: every topic with a route. */
    public TopicList allTopics() {
        return routeTable.readTopics((topics, brokers, clusters) -> new TopicList(new TreeSet<>(topics.keySet())));
    }

    /** GET_TOPICS_BY_CLUSTER: topics with a queue on any broker name of {@code cluster}. */
    public TopicList topicsOfCluster(String cluster) {
        return routeTable.readTopics((topics, brokers, clusters) -> {
            Set<String> names = clusters.getOrDefault(cluster, new TreeSet<>());
            Set<String> result = new TreeSet<>();
            topics.forEach((topic, queues) -> {
                if (queues.keySet().stream().anyMatch(names::contains)) {
                    result.add(topic);
                }
            });
            return new TopicList(result);
        });
    }

    /**
     * GET_SYSTEM_TOPIC_LIST_FROM_NS: every cluster name and broker name (each is also a topic on its brokers),
     * with one broker address for the caller to ask next.
     */
    public TopicList systemTopics() {
        return routeTable.readTopics((topics, brokers, clusters) -> {
            Set<String> result = new TreeSet<>(clusters.keySet());
            result.addAll(brokers.keySet());
            String anyBrokerAddr = brokers.values().stream().flatMap(g -> g.addrsById.values().stream())
                    .findFirst().orElse(null);
            return new TopicList(result, anyBrokerAddr);
        });
    }

    /** GET_UNIT_TOPIC_LIST: topics flagged as belonging to a unit. */
    public TopicList unitTopics() {
        return topicsWithFlags(TopicSysFlag::hasUnitFlag);
    }

    /** GET_HAS_UNIT_SUB_TOPIC_LIST: topics flagged as having unit subscribers. */
    public TopicList topicsWithUnitSubscribers() {
        return topicsWithFlags(TopicSysFlag::hasUnitSubFlag);
    }

    /** GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST: topics outside any unit that have unit subscribers. */
    public TopicList nonUnitTopicsWithUnitSubscribers() {
        return topicsWithFlags(flag -> !TopicSysFlag.hasUnitFlag(flag) && TopicSysFlag.hasUnitSubFlag(flag));
    }

    /** Like RocketMQ, a topic's flags are read from its first queue data (all brokers normally agree). */
    private TopicList topicsWithFlags(IntPredicate flagTest) {
        return routeTable.readTopics((topics, brokers, clusters) -> {
            Set<String> result = new TreeSet<>();
            for (Map.Entry<String, TreeMap<String, QueueData>> e : topics.entrySet()) {
                if (!e.getValue().isEmpty() && flagTest.test(e.getValue().firstEntry().getValue().topicSysFlag())) {
                    result.add(e.getKey());
                }
            }
            return new TopicList(result);
        });
    }
}
