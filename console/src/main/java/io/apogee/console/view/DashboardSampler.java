package io.apogee.console.view;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.BrokerOverview;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.admin.TopicOffset;
import io.apogee.common.service.ServiceLoop;
import io.apogee.console.history.TpsHistory;
import io.apogee.remoting.exception.RemotingException;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the dashboard's {@link TpsHistory} once per snapshot refresh: each broker's TPS from the snapshot, and the
 * produce TPS of topics from the growth of their queues' max offsets. Topics are visited in turns of at most
 * {@code consoleTopicStatsPerRefresh} (one request per topic and broker), so a cluster of 10,000 topics costs no
 * more per refresh than one of 200; a topic's TPS is then its average since its previous turn. Saves the history
 * every ten minutes and at close.
 */
public final class DashboardSampler implements ServiceLoop {

    static final long SAVE_INTERVAL_MILLIS = 600_000;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardSampler.class);

    private record OffsetSample(long timeMillis, long sumMaxOffset) {
    }

    private final DefaultMQAdminExt admin;
    private final ClusterView cluster;
    private final TpsHistory history;
    private final int topicsPerRefresh;
    private final Map<String, OffsetSample> lastSample = new HashMap<>();
    private int nextTopic;
    private long lastSaveMillis = System.currentTimeMillis();

    public DashboardSampler(DefaultMQAdminExt admin, ClusterView cluster, TpsHistory history, int topicsPerRefresh) {
        this.admin = admin;
        this.cluster = cluster;
        this.history = history;
        this.topicsPerRefresh = topicsPerRefresh;
    }

    @Override
    public String roleName() {
        return "ApogeeConsoleDashboard";
    }

    @Override
    public int doWork() throws InterruptedException {
        ClusterView.Snapshot snapshot = cluster.current();
        if (snapshot.takenAt() == 0) {
            return 0;
        }
        for (BrokerOverview broker : snapshot.cluster().brokers()) {
            if (broker.answered()) {
                history.recordBroker(broker.brokerName() + "/" + broker.brokerId(), snapshot.takenAt(),
                        broker.figures().inTps(), broker.figures().outTps());
            }
        }
        List<ClusterView.TopicEntry> topics = snapshot.topics().stream().filter(t -> t.type() == TopicType.NORMAL
                || t.type() == TopicType.ORDERED).toList();
        Set<String> names = new HashSet<>();
        topics.forEach(t -> names.add(t.name()));
        history.retainTopics(names);
        lastSample.keySet().retainAll(names);
        for (int i = 0; i < Math.min(topicsPerRefresh, topics.size()); i++) {
            nextTopic = nextTopic >= topics.size() ? 0 : nextTopic;
            sample(topics.get(nextTopic++).name());
        }
        long now = System.currentTimeMillis();
        if (now - lastSaveMillis >= SAVE_INTERVAL_MILLIS) {
            save();
            lastSaveMillis = now;
        }
        return 0;
    }

    private void sample(String topic) throws InterruptedException {
        long sum;
        try {
            sum = admin.examineTopicStats(topic).getOffsetTable().values().stream()
                    .mapToLong(TopicOffset::getMaxOffset).sum();
        } catch (MQClientException | MQBrokerException | RemotingException e) {
            return; // deleted meanwhile, or its broker is down: the Cluster page says which
        }
        long now = System.currentTimeMillis();
        OffsetSample previous = lastSample.put(topic, new OffsetSample(now, sum));
        if (previous != null && now > previous.timeMillis()) {
            double tps = Math.max(0, sum - previous.sumMaxOffset()) * 1000.0 / (now - previous.timeMillis());
            history.recordTopic(topic, now, tps);
        }
    }

    @Override
    public void onClose() {
        save();
    }

    private void save() {
        try {
            history.save();
        } catch (IOException e) {
            LOG.warn("console: cannot save the TPS history: {}", e.getMessage());
        }
    }
}
