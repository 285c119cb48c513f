package io.apogee.namesrv.route;

import io.apogee.common.route.ClusterInfo;
import io.apogee.remoting.protocol.body.DataVersion;
import io.apogee.common.topic.TopicConfig;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NameServer's registry: clusters, broker names and their processes, topics' queues per broker name, live
 * brokers and filter servers.
 *
 * <p>One read-write lock guards all tables, so a registration, unregistration or eviction is applied atomically and
 * readers never see half of one; readers share the lock and hold it only while copying out a small answer. Writers
 * do no I/O under it. The non-fair lock still lets a waiting writer in before new readers.
 */
public final class RouteTable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** topic → broker name → its queues; only masters' registrations write here. */
    private final Map<String, TreeMap<String, QueueData>> topicQueueTable = new HashMap<>();
    /** broker name → its processes. */
    private final Map<String, BrokerGroup> brokerAddrTable = new TreeMap<>();
    /** cluster name → broker names. */
    private final Map<String, TreeSet<String>> clusterAddrTable = new TreeMap<>();
    /** broker address → its last registration. */
    private final Map<String, BrokerLiveInfo> brokerLiveTable = new HashMap<>();
    /** broker address → its filter servers. */
    private final Map<String, List<String>> filterServerTable = new HashMap<>();

    /**
     * Applies one broker registration: cluster membership, address under its id (moving it if the same address had
     * another id), liveness, filter servers, and, for a master whose data version changed or that is new, its
     * topics' queue data. Topics the broker no longer lists keep their queues, as in RocketMQ 4.9.
     */
    public RegistrationResult register(BrokerRegistration reg, Channel channel, long nowMillis) {
        lock.writeLock().lock();
        try {
            clusterAddrTable.computeIfAbsent(reg.clusterName(), c -> new TreeSet<>()).add(reg.brokerName());
            BrokerGroup group = brokerAddrTable.get(reg.brokerName());
            boolean firstRegistration = group == null;
            if (group == null) {
                group = new BrokerGroup(reg.clusterName(), reg.brokerName());
                brokerAddrTable.put(reg.brokerName(), group);
            }
            group.addrsById.entrySet().removeIf(e -> e.getValue().equals(reg.brokerAddr())
                    && e.getKey() != reg.brokerId());
            firstRegistration |= group.addrsById.put(reg.brokerId(), reg.brokerAddr()) == null;

            DataVersion version = reg.topics().dataVersion();
            if (reg.brokerId() == BrokerData.MASTER_ID
                    && (firstRegistration || dataVersionChanged(reg.brokerAddr(), version))) {
                reg.topics().topicConfigTable()
                        .forEach((topic, config) -> putQueueData(topic, reg.brokerName(), config));
            }
            BrokerLiveInfo previous = brokerLiveTable.put(reg.brokerAddr(),
                    new BrokerLiveInfo(nowMillis, version, channel, reg.haServerAddr()));
            if (previous == null) {
                LOG.info("broker registered: cluster={} name={} id={} addr={} ha={}", reg.clusterName(),
                        reg.brokerName(), reg.brokerId(), reg.brokerAddr(), reg.haServerAddr());
            }
            if (reg.filterServers().isEmpty()) {
                filterServerTable.remove(reg.brokerAddr());
            } else {
                filterServerTable.put(reg.brokerAddr(), List.copyOf(reg.filterServers()));
            }
            return masterOf(group, reg.brokerId());
        } finally {
            lock.writeLock().unlock();
        }
    }

    private RegistrationResult masterOf(BrokerGroup group, long brokerId) {
        if (brokerId == BrokerData.MASTER_ID) {
            return RegistrationResult.NONE;
        }
        String masterAddr = group.addrsById.get(BrokerData.MASTER_ID);
        BrokerLiveInfo master = masterAddr == null ? null : brokerLiveTable.get(masterAddr);
        return master == null ? RegistrationResult.NONE : new RegistrationResult(masterAddr, master.haServerAddr());
    }

    private void putQueueData(String topic, String brokerName, TopicConfig config) {
        QueueData queues = new QueueData(brokerName, config.getReadQueueNums(), config.getWriteQueueNums(),
                config.getPerm(), config.getTopicSysFlag());
        QueueData old = topicQueueTable.computeIfAbsent(topic, t -> new TreeMap<>()).put(brokerName, queues);
        if (!queues.equals(old)) {
            LOG.info("topic queues {}: topic={} broker={} queues={}", old == null ? "added" : "changed", topic,
                    brokerName, queues);
        }
    }

    private boolean dataVersionChanged(String brokerAddr, DataVersion version) {
        BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
        return live == null || !live.dataVersion().equals(version);
    }

    /**
     * QUERY_DATA_VERSION: whether {@code brokerVersion} differs from what this table holds for the broker; when it
     * does not, the query counts as a sign of life.
     *
     * @return the held version, if the broker is registered, and whether it differs
     */
    public DataVersionCheck checkDataVersion(String brokerAddr, DataVersion brokerVersion, long nowMillis) {
        lock.writeLock().lock();
        try {
            BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
            boolean changed = live == null || !live.dataVersion().equals(brokerVersion);
            if (!changed) {
                brokerLiveTable.put(brokerAddr, live.touchedAt(nowMillis));
            }
            return new DataVersionCheck(changed, live == null ? null : live.dataVersion());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** What {@link #checkDataVersion} found; {@code held} is {@code null} for an unknown broker. */
    public record DataVersionCheck(boolean changed, DataVersion held) {
    }

    /** UNREGISTER_BROKER: drops the process at {@code brokerAddr} registered under that name and id. */
    public void unregister(String brokerName, long brokerId, String brokerAddr) {
        lock.writeLock().lock();
        try {
            brokerLiveTable.remove(brokerAddr);
            filterServerTable.remove(brokerAddr);
            BrokerGroup group = brokerAddrTable.get(brokerName);
            if (group != null && brokerAddr.equals(group.addrsById.get(brokerId))) {
                group.addrsById.remove(brokerId);
                removeGroupIfEmpty(group);
            }
            LOG.info("broker unregistered: name={} id={} addr={}", brokerName, brokerId, brokerAddr);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Drops every broker whose last sign of life is older than {@code expiryMillis}.
     *
     * @return the dropped brokers, whose channels the caller should close
     */
    public List<ExpiredBroker> expireInactive(long nowMillis, long expiryMillis) {
        lock.writeLock().lock();
        try {
            List<ExpiredBroker> expired = new ArrayList<>();
            brokerLiveTable.forEach((addr, live) -> {
                if (nowMillis - live.lastUpdateMillis() > expiryMillis) {
                    expired.add(new ExpiredBroker(addr, live.channel(), live.lastUpdateMillis()));
                }
            });
            expired.forEach(e -> removeBrokerAddress(e.brokerAddr()));
            return expired;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Drops every broker that registered over {@code channel}, which has closed.
     *
     * @return the addresses dropped (usually none: most channels are clients')
     */
    public List<String> removeBrokersOn(Channel channel) {
        lock.readLock().lock();
        try {
            if (addressesOn(channel).isEmpty()) {
                return List.of();
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            List<String> addrs = addressesOn(channel);
            addrs.forEach(this::removeBrokerAddress);
            return addrs;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private List<String> addressesOn(Channel channel) {
        List<String> addrs = new ArrayList<>();
        brokerLiveTable.forEach((addr, live) -> {
            if (live.channel() == channel) {
                addrs.add(addr);
            }
        });
        return addrs;
    }

    private void removeBrokerAddress(String brokerAddr) {
        brokerLiveTable.remove(brokerAddr);
        filterServerTable.remove(brokerAddr);
        for (BrokerGroup group : List.copyOf(brokerAddrTable.values())) {
            if (group.addrsById.values().removeIf(brokerAddr::equals)) {
                removeGroupIfEmpty(group);
            }
        }
    }

    /** Once a broker name has no process left, it leaves its cluster and every topic's queues. */
    private void removeGroupIfEmpty(BrokerGroup group) {
        if (!group.addrsById.isEmpty()) {
            return;
        }
        brokerAddrTable.remove(group.brokerName);
        clusterAddrTable.values().forEach(names -> names.remove(group.brokerName));
        clusterAddrTable.values().removeIf(Set::isEmpty);
        topicQueueTable.values().forEach(queues -> queues.remove(group.brokerName));
        topicQueueTable.values().removeIf(Map::isEmpty);
        LOG.info("broker name removed with its queues: cluster={} name={}", group.clusterName, group.brokerName);
    }

    /** The topic's route, or empty when no broker holds a queue of it. */
    public Optional<TopicRouteData> route(String topic) {
        lock.readLock().lock();
        try {
            TreeMap<String, QueueData> queues = topicQueueTable.get(topic);
            if (queues == null) {
                return Optional.empty();
            }
            List<BrokerData> brokers = new ArrayList<>();
            Map<String, List<String>> filterServers = new HashMap<>();
            for (String brokerName : queues.keySet()) {
                BrokerGroup group = brokerAddrTable.get(brokerName);
                if (group != null) {
                    brokers.add(group.snapshot());
                    group.addrsById.values().stream().filter(filterServerTable::containsKey)
                            .forEach(addr -> filterServers.put(addr, filterServerTable.get(addr)));
                }
            }
            if (brokers.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TopicRouteData(null, new ArrayList<>(queues.values()), brokers, filterServers));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every broker name with its processes, and every cluster with its broker names. */
    public ClusterInfo clusterInfo() {
        lock.readLock().lock();
        try {
            Map<String, BrokerData> brokers = new TreeMap<>();
            brokerAddrTable.forEach((name, group) -> brokers.put(name, group.snapshot()));
            Map<String, Set<String>> clusters = new TreeMap<>();
            clusterAddrTable.forEach((cluster, names) -> clusters.put(cluster, new TreeSet<>(names)));
            return new ClusterInfo(brokers, clusters);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Sets the permission of every queue of {@code brokerName} to {@code newPerm(old)}.
     *
     * @return how many topics have queues on that broker name
     */
    public int updatePermOfBroker(String brokerName, UnaryOperator<Integer> newPerm) {
        lock.writeLock().lock();
        try {
            int topics = 0;
            for (TreeMap<String, QueueData> queues : topicQueueTable.values()) {
                QueueData old = queues.get(brokerName);
                if (old != null) {
                    queues.put(brokerName, old.withPerm(newPerm.apply(old.perm())));
                    topics++;
                }
            }
            LOG.info("queue permissions of broker {} updated on {} topics", brokerName, topics);
            return topics;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * DELETE_TOPIC_IN_NAMESRV: removes the topic's queues on the brokers of {@code clusterName}, or its whole route
     * when {@code clusterName} is {@code null} or blank.
     */
    public void deleteTopic(String topic, String clusterName) {
        lock.writeLock().lock();
        try {
            TreeMap<String, QueueData> queues = topicQueueTable.get(topic);
            if (queues == null) {
                return;
            }
            if (clusterName == null || clusterName.isBlank()) {
                queues.clear();
            } else {
                queues.keySet().removeAll(clusterAddrTable.getOrDefault(clusterName, new TreeSet<>()));
            }
            if (queues.isEmpty()) {
                topicQueueTable.remove(topic);
            }
            LOG.info("topic deleted: topic={} cluster={}", topic, clusterName);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Read access for {@link TopicQueries}: runs {@code query} under the read lock over the topic table. */
    <T> T readTopics(TopicQuery<T> query) {
        lock.readLock().lock();
        try {
            return query.apply(topicQueueTable, brokerAddrTable, clusterAddrTable);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A read-only look at the tables; runs under the read lock and must not keep references to them. */
    @FunctionalInterface
    interface TopicQuery<T> {
        T apply(Map<String, TreeMap<String, QueueData>> topicQueueTable, Map<String, BrokerGroup> brokerAddrTable,
                Map<String, TreeSet<String>> clusterAddrTable);
    }

    /** The live entry of a broker address, if registered (for tests and diagnostics). */
    public Optional<BrokerLiveInfo> liveInfo(String brokerAddr) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(brokerLiveTable.get(brokerAddr));
        } finally {
            lock.readLock().unlock();
        }
    }
}
