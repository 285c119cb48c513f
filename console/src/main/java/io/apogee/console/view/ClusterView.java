package io.apogee.console.view;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.BrokerOverview;
import io.apogee.client.admin.ClusterOverview;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.route.ClusterInfo;
import io.apogee.common.service.PeriodicTask;
import io.apogee.common.service.ServiceRunner;
import io.apogee.common.topic.TopicConfig;
import io.apogee.console.config.ConsoleConfig;
import io.apogee.remoting.exception.RemotingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the list pages show, refreshed in the background every {@code consoleRefreshIntervalMillis} (and soon after a
 * write through the console): brokers with their figures, every topic with its type and config, every group with its
 * lag. One refresh costs a few requests per broker (cluster info, runtime stats, all topic configs, all groups, all
 * consume stats), never one per topic or group, so list pages answer from memory at any cluster size.
 */
public final class ClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);

    /**
     * A topic as the Topics page lists it.
     *
     * @param brokers the broker names that hold it
     */
    public record TopicEntry(String name, TopicType type, int readQueueNums, int writeQueueNums, int perm,
            boolean order, List<String> brokers) {
    }

    /**
     * A consumer group as the Consumers page lists it.
     *
     * @param lag        messages stored but not consumed, summed over the group's queues; {@code null} when unknown
     * @param lagUnknown why the lag is unknown ({@code null} when it is known)
     * @param topics     the topics it has offsets in
     * @param config     its subscription group config (from the first broker that has it)
     */
    public record GroupEntry(String name, List<String> brokers, Long lag, String lagUnknown, double consumeTps,
            Set<String> topics, SubscriptionGroupConfig config) {
    }

    /**
     * One refresh's result.
     *
     * @param takenAt epoch millis of the refresh
     * @param errors  what could not be read (a broker that did not answer...), for the health summary
     */
    public record Snapshot(long takenAt, ClusterOverview cluster, List<TopicEntry> topics, List<GroupEntry> groups,
            List<String> errors) {
        static final Snapshot EMPTY = new Snapshot(0, new ClusterOverview(List.of()), List.of(), List.of(),
                List.of("not read yet"));
    }

    private final DefaultMQAdminExt admin;
    private final ServiceRunner runner;
    private volatile Snapshot current = Snapshot.EMPTY;

    public ClusterView(DefaultMQAdminExt admin, ConsoleConfig config) {
        this.admin = admin;
        this.runner = new ServiceRunner(new PeriodicTask("ApogeeConsoleSnapshot", this::refreshLogged),
                config.refreshIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    public void start() {
        runner.start();
    }

    public void shutdown() {
        runner.close();
    }

    /**
     * The latest snapshot. Before the first refresh has succeeded the caller reads the cluster itself (one at a
     * time), so that a page or a write right after start sees the brokers rather than an empty cluster.
     */
    public Snapshot current() {
        Snapshot now = current;
        if (now.takenAt() != 0) {
            return now;
        }
        synchronized (this) {
            if (current.takenAt() == 0) {
                refreshLogged();
            }
            return current;
        }
    }

    /** Asks for a refresh now, after a write changed what the lists show. */
    public void refreshSoon() {
        runner.wakeup();
    }

    /** Refreshes on the caller's thread and returns the result (for tests and for a page's "refresh" button). */
    public Snapshot refreshNow() throws InterruptedException {
        refreshLogged();
        return current;
    }

    private void refreshLogged() {
        try {
            current = read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MQClientException | MQBrokerException | RemotingException | RuntimeException e) {
            LOG.warn("console: cannot read the cluster ({}); the pages keep showing the snapshot of {}",
                    e.getMessage(), current.takenAt());
            current = new Snapshot(current.takenAt(), current.cluster(), current.topics(), current.groups(),
                    List.of("cannot read the cluster: " + e.getMessage()));
        }
    }

    private Snapshot read()
            throws MQClientException, MQBrokerException, RemotingException, InterruptedException {
        long now = System.currentTimeMillis();
        List<String> errors = new ArrayList<>();
        ClusterInfo info = admin.examineBrokerClusterInfo();
        ClusterOverview cluster = admin.clusterOverview();
        cluster.unanswered().forEach(b -> errors.add("broker " + b.brokerName() + " (" + b.addr() + "): "
                + b.error()));
        Set<String> names = new HashSet<>(info.clusterAddrTable().keySet());
        names.addAll(info.brokerAddrTable().keySet());

        Map<String, TopicConfig> topicConfigs = new TreeMap<>();
        Map<String, Set<String>> topicBrokers = new TreeMap<>();
        Map<String, SubscriptionGroupConfig> groupConfigs = new TreeMap<>();
        Map<String, Set<String>> groupBrokers = new TreeMap<>();
        Map<String, ConsumeStats> stats = new TreeMap<>();
        for (BrokerOverview broker : cluster.brokers()) {
            if (!broker.master() || !broker.answered()) {
                continue;
            }
            try {
                admin.getAllTopicConfig(broker.addr()).forEach((name, config) -> {
                    topicConfigs.putIfAbsent(name, config);
                    topicBrokers.computeIfAbsent(name, n -> new TreeSet<>()).add(broker.brokerName());
                });
                admin.getAllSubscriptionGroup(broker.addr()).forEach((name, config) -> {
                    groupConfigs.putIfAbsent(name, config);
                    groupBrokers.computeIfAbsent(name, n -> new TreeSet<>()).add(broker.brokerName());
                });
                admin.fetchConsumeStatsInBroker(broker.addr(), false).forEach((group, s) -> {
                    ConsumeStats merged = stats.computeIfAbsent(group, g -> new ConsumeStats());
                    merged.getOffsetTable().putAll(s.getOffsetTable());
                    merged.setConsumeTps(merged.getConsumeTps() + s.getConsumeTps());
                });
            } catch (MQBrokerException | MQClientException e) {
                errors.add("broker " + broker.brokerName() + " (" + broker.addr() + "): " + e.getMessage());
            }
        }
        for (String topic : admin.fetchAllTopicList().topicList()) {
            topicConfigs.putIfAbsent(topic, null);
        }
        List<TopicEntry> topics = new ArrayList<>(topicConfigs.size());
        topicConfigs.forEach((name, config) -> topics.add(new TopicEntry(name, TopicType.of(name, config, names),
                config == null ? 0 : config.getReadQueueNums(), config == null ? 0 : config.getWriteQueueNums(),
                config == null ? 0 : config.getPerm(), config != null && config.isOrder(),
                List.copyOf(topicBrokers.getOrDefault(name, Set.of())))));
        Set<String> groupNames = new TreeSet<>(groupConfigs.keySet());
        groupNames.addAll(stats.keySet());
        List<GroupEntry> groups = new ArrayList<>(groupNames.size());
        for (String name : groupNames) {
            ConsumeStats s = stats.get(name);
            Set<String> consumed = new TreeSet<>();
            if (s != null) {
                s.getOffsetTable().keySet().forEach(q -> consumed.add(q.getTopic()));
            }
            boolean known = s != null && !s.getOffsetTable().isEmpty();
            groups.add(new GroupEntry(name, List.copyOf(groupBrokers.getOrDefault(name, Set.of())),
                    known ? DefaultMQAdminExt.totalLag(s) : null,
                    known ? null : "the group has committed no offset yet (no consumer has consumed)",
                    s == null ? 0 : s.getConsumeTps(), Set.copyOf(consumed), groupConfigs.get(name)));
        }
        return new Snapshot(now, cluster, List.copyOf(topics), List.copyOf(groups), List.copyOf(errors));
    }
}
