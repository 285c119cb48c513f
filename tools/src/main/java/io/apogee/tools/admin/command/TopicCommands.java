package io.apogee.tools.admin.command;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONWriter;
import io.apogee.client.admin.QueueStatus;
import io.apogee.client.admin.TopicStatus;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.TopicConfig;
import io.apogee.common.topic.TopicFilterType;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;

/** Topic sub-commands: topicList, updateTopic, deleteTopic, topicRoute, topicStatus, topicClusterList. */
public final class TopicCommands {

    private TopicCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("topicList", "Fetch all topic list from name server",
                        Opts.of(Opts.flag("c", "clusterModel", "print the cluster of each topic")), TopicCommands::list),
                new Command("updateTopic", "Update or create topic", Opts.of(
                        Opts.arg("b", "brokerAddr", false, "create topic to which broker"),
                        Opts.arg("c", "clusterName", false, "create topic to which cluster"),
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("r", "readQueueNums", false, "set read queue nums (default 8)"),
                        Opts.arg("w", "writeQueueNums", false, "set write queue nums (default 8)"),
                        Opts.arg("p", "perm", false, "set topic's permission(2|4|6), intro[2:W 4:R; 6:RW]"),
                        Opts.arg("o", "order", false, "set topic's order(true|false)")), TopicCommands::update),
                new Command("deleteTopic", "Delete topic from broker and NameServer.", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("c", "clusterName", true, "delete topic from which cluster")), TopicCommands::delete),
                new Command("topicRoute", "Examine topic route info", Opts.of(
                        Opts.arg("t", "topic", true, "topic name")), TopicCommands::route),
                new Command("topicStatus", "Examine topic Status info", Opts.of(
                        Opts.arg("t", "topic", true, "topic name")), TopicCommands::status),
                new Command("topicClusterList", "Get cluster info for topic", Opts.of(
                        Opts.arg("t", "topic", true, "topic name")), TopicCommands::clusters));
    }

    private static void list(CommandLine line, AdminSession session) throws Exception {
        TreeSet<String> topics = new TreeSet<>(session.admin().fetchAllTopicList().topicList());
        if (!line.hasOption('c')) {
            topics.forEach(session.out()::println);
            return;
        }
        Table table = new Table("#Cluster Name", "#Topic");
        for (String topic : topics) {
            for (String cluster : session.admin().getTopicClusterList(topic)) {
                table.row(cluster, topic);
            }
        }
        table.print(session.out());
    }

    private static void update(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        int read = Integer.parseInt(line.getOptionValue('r', "8"));
        int write = Integer.parseInt(line.getOptionValue('w', "8"));
        int perm = Integer.parseInt(line.getOptionValue('p', "6"));
        boolean order = Boolean.parseBoolean(line.getOptionValue('o', "false"));
        TopicConfig config = new TopicConfig(topic, read, write, perm, TopicFilterType.SINGLE_TAG, 0, order);
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            session.admin().createAndUpdateTopicConfig(addr, config);
            session.out().printf("create topic to %s success.%n", addr);
        }
        session.out().println(config);
    }

    private static void delete(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        String cluster = line.getOptionValue('c');
        session.masters(null, cluster);
        session.admin().deleteTopic(topic, cluster);
        session.out().printf("delete topic [%s] from cluster [%s] success.%n", topic, cluster);
    }

    private static void route(CommandLine line, AdminSession session) throws Exception {
        TopicRouteData route = Routes.of(session, line.getOptionValue('t'));
        session.out().println(JSON.toJSONString(route, JSONWriter.Feature.PrettyFormat));
    }

    private static void status(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        TopicStatus status = session.admin().topicStatus(topic);
        Table table = new Table("#Broker Name", "#QID", "#Min Offset", "#Max Offset", "#Last Updated");
        for (QueueStatus q : status.queues()) {
            table.row(q.queue().getBrokerName(), q.queue().getQueueId(), q.minOffset(), q.maxOffset(),
                    q.lastUpdateTimestamp() == 0 ? "" : Times.format(q.lastUpdateTimestamp()));
        }
        table.print(session.out());
        Unanswered.check(status.unanswered());
    }

    private static void clusters(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        session.admin().getTopicClusterList(topic).forEach(session.out()::println);
    }
}
