package io.apogee.tools.admin.command;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.admin.BrokerStatsView;
import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.SystemTopics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;

/** Traffic and lag sub-commands: statsAll (per topic and group) and brokerConsumeStats (per queue of a broker). */
public final class StatsCommands {

    private static final String TOPIC_PUT_NUMS = "TOPIC_PUT_NUMS";
    private static final String GROUP_GET_NUMS = "GROUP_GET_NUMS";

    private StatsCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("statsAll", "Topic and Consumer tps stats", Opts.of(
                        Opts.flag("a", "activeTopic", "print active topic only"),
                        Opts.arg("t", "topic", false, "print select topic only")), StatsCommands::statsAll),
                new Command("brokerConsumeStats", "Fetch broker consume stats data", Opts.of(
                        Opts.arg("b", "brokerAddr", true, "Broker address"),
                        Opts.arg("t", "timeoutMillis", false, "request timeout Millis"),
                        Opts.arg("l", "level", false, "threshold of print diff"),
                        Opts.arg("o", "order", false, "order topic")), StatsCommands::brokerConsumeStats));
    }

    private static void statsAll(CommandLine line, AdminSession session) throws Exception {
        List<String> topics = line.hasOption('t') ? List.of(line.getOptionValue('t'))
                : List.copyOf(new TreeSet<>(session.admin().fetchAllTopicList().topicList()));
        Table table = new Table("#Topic", "#Consumer Group", "#Accumulation", "#InTPS", "#OutTPS", "#InMsg24Hour",
                "#OutMsg24Hour");
        for (String topic : topics) {
            if (topic.startsWith(SystemTopics.RETRY_GROUP_TOPIC_PREFIX)
                    || topic.startsWith(SystemTopics.DLQ_GROUP_TOPIC_PREFIX)) {
                continue;
            }
            row(session, topic, line.hasOption('a'), table);
        }
        table.print(session.out());
    }

    /** The topic's puts, then one row per group consuming it (or one NO_CONSUMER row). */
    private static void row(AdminSession session, String topic, boolean activeOnly, Table table) throws Exception {
        DefaultMQAdminExt admin = session.admin();
        List<String> masters = Routes.masters(Routes.of(session, topic));
        double inTps = 0;
        long inDay = 0;
        for (String addr : masters) {
            BrokerStatsView puts = stats(admin, addr, TOPIC_PUT_NUMS, topic);
            inTps += puts.minuteTps();
            inDay += puts.daySum();
        }
        if (activeOnly && inDay == 0) {
            return;
        }
        TreeSet<String> groups = new TreeSet<>(admin.queryTopicConsumeByWho(topic));
        if (groups.isEmpty()) {
            table.row(topic, "", 0, String.format("%.2f", inTps), "", inDay, "NO_CONSUMER");
            return;
        }
        for (String group : groups) {
            double outTps = 0;
            long outDay = 0;
            for (String addr : masters) {
                BrokerStatsView gets = stats(admin, addr, GROUP_GET_NUMS, topic + "@" + group);
                outTps += gets.minuteTps();
                outDay += gets.daySum();
            }
            long lag;
            try {
                lag = DefaultMQAdminExt.totalLag(admin.examineConsumeStats(group, topic));
            } catch (MQBrokerException | MQClientException e) {
                lag = 0;
            }
            table.row(topic, group, lag, String.format("%.2f", inTps), String.format("%.2f", outTps), inDay, outDay);
        }
    }

    /** A statistic, zero when the broker has none of it yet (nothing put or got since it started). */
    private static BrokerStatsView stats(DefaultMQAdminExt admin, String addr, String name, String key)
            throws Exception {
        try {
            return admin.viewBrokerStatsData(addr, name, key);
        } catch (MQClientException e) {
            if (e.getResponseCode() == -1) {
                throw e;
            }
            // The broker's refusal: "The stats <name> <key> not exist".
            return new BrokerStatsView(0, 0, 0, 0, 0, 0);
        }
    }

    private static void brokerConsumeStats(CommandLine line, AdminSession session) throws Exception {
        String addr = line.getOptionValue('b');
        if (line.hasOption('t')) {
            session.apiTimeout(Opts.intValue(line, 't', 0));
        }
        long level = Opts.longValue(line, 'l', 0);
        boolean order = Opts.boolValue(line, 'o', false);
        Table table = new Table("#Topic", "#Group", "#Broker Name", "#QID", "#Broker Offset", "#Consumer Offset",
                "#Diff", "#LastTime");
        long total = 0;
        for (Map.Entry<String, ConsumeStats> group : session.admin().fetchConsumeStatsInBroker(addr, order)
                .entrySet()) {
            for (Map.Entry<MessageQueue, OffsetWrapper> q : new TreeMap<>(group.getValue().getOffsetTable())
                    .entrySet()) {
                OffsetWrapper o = q.getValue();
                long diff = Math.max(0, o.getBrokerOffset() - o.getConsumerOffset());
                total += diff;
                if (diff >= level) {
                    table.row(q.getKey().getTopic(), group.getKey(), q.getKey().getBrokerName(),
                            q.getKey().getQueueId(), o.getBrokerOffset(), o.getConsumerOffset(), diff,
                            o.getLastTimestamp() == 0 ? "N/A" : Times.format(o.getLastTimestamp()));
                }
            }
        }
        table.print(session.out());
        session.out().printf("%nDiff Total: %d%n", total);
    }
}
