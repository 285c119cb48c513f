package io.apogee.tools.admin.command;

import io.apogee.client.admin.ConsumerProgress;
import io.apogee.client.admin.QueueProgress;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.SystemTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code startMonitoring}: every 20 s (RocketMQ's monitor interval) and until stopped, one line per consumer group
 * and topic with messages not yet consumed: how many in all, the most in one queue, and how long the oldest of them
 * has waited, as RocketMQ's monitor reports undone messages. (Its metrics, {@code rocketmq_consumer_lag_*}, tell the
 * same continuously; see the README's Metrics.)
 */
public final class StartMonitoringCommand implements SubCommand {

    private static final long ROUND_MILLIS = 20_000;

    @Override
    public String name() {
        return "startMonitoring";
    }

    @Override
    public String description() {
        return "Start Monitoring";
    }

    @Override
    public Options options() {
        return Opts.of();
    }

    @Override
    public void run(CommandLine line, AdminSession session) throws Exception {
        while (true) {
            round(session);
            Thread.sleep(ROUND_MILLIS);
        }
    }

    /** One look at every group with a retry topic. */
    static void round(AdminSession session) throws Exception {
        for (String topic : new TreeSet<>(session.admin().fetchAllTopicList().topicList())) {
            if (topic.startsWith(SystemTopics.RETRY_GROUP_TOPIC_PREFIX)) {
                report(session, topic.substring(SystemTopics.RETRY_GROUP_TOPIC_PREFIX.length()));
            }
        }
    }

    private static void report(AdminSession session, String group) throws Exception {
        ConsumerProgress progress = session.admin().consumerProgress(group);
        // per topic: undone messages in all, the most in one queue, the longest wait of a queue's next message
        Map<String, long[]> byTopic = new LinkedHashMap<>();
        for (QueueProgress q : progress.queues()) {
            long undone = q.diff();
            if (undone <= 0 || SystemTopics.isRetryTopic(q.queue().getTopic())) {
                continue;
            }
            long[] totals = byTopic.computeIfAbsent(q.queue().getTopic(), t -> new long[3]);
            totals[0] += undone;
            totals[1] = Math.max(totals[1], undone);
            MessageExt next = q.consumerOffset() < 0 ? null
                    : session.admin().queryMessageByOffset(q.queue(), q.consumerOffset());
            if (next != null) {
                totals[2] = Math.max(totals[2], System.currentTimeMillis() - next.getStoreTimestamp());
            }
        }
        byTopic.forEach((topic, t) -> session.out().printf("reportUndoneMsgs: UndoneMsgs [consumerGroup=%s, topic=%s,"
                + " undoneMsgsTotal=%d, undoneMsgsSingleMQ=%d, undoneMsgsDelayTimeMills=%d]%n", group, topic, t[0],
                t[1], t[2]));
        Unanswered.check(progress.unanswered());
    }
}
