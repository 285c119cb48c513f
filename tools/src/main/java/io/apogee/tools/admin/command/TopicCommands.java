package io.apogee.tools.admin.command;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONWriter;
import io.apogee.client.admin.QueueStatus;
import io.apogee.client.admin.TopicStatus;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.TopicConfig;
import io.apogee.common.topic.TopicFilterType;
import io.apogee.common.topic.TopicSysFlag;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;

/**
 * Topic sub-commands: topicList, updateTopic, updateTopicPerm, deleteTopic, topicRoute, topicStatus,
 * topicClusterList ({@link TopicOrderCommands} has updateOrderConf and allocateMQ).
 */
public final class TopicCommands {

    /** The permissions a topic may be given: write, read, read-write. */
    private static final Set<Integer> PERMS = Set.of(2, 4, 6);

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
                        Opts.arg("o", "order", false, "set topic's order(true|false)"),
                        Opts.arg("u", "unit", false, "is unit topic (true|false)"),
                        Opts.arg("s", "hasUnitSub", false, "has unit sub (true|false)")), TopicCommands::update),
                new Command("updateTopicPerm", "Update topic perm", Opts.of(
                        Opts.arg("b", "brokerAddr", false, "create topic to which broker"),
                        Opts.arg("c", "clusterName", false, "create topic to which cluster"),
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("p", "perm", true, "set topic's permission(2|4|6), intro[2:W; 4:R; 6:RW]")),
                        TopicCommands::updatePerm),
                new Command("deleteTopic", "Delete topic from broker and NameServer.", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("c", "clusterName", true, "delete topic from which cluster")), TopicCommands::delete),
                new Command("topicRoute", "Examine topic route info", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.flag("l", "list", "Use list format to print data")), TopicCommands::route),
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
        int read = Opts.intValue(line, 'r', 8);
        int write = Opts.intValue(line, 'w', 8);
        int perm = perm(line);
        boolean order = Opts.boolValue(line, 'o', false);
        int sysFlag = (Opts.boolValue(line, 'u', false) ? TopicSysFlag.UNIT : 0)
                | (Opts.boolValue(line, 's', false) ? TopicSysFlag.UNIT_SUB : 0);
        if (read <= 0 || write <= 0) {
            throw new CommandFailedException("-r and -w must be at least 1");
        }
        TopicConfig config = new TopicConfig(topic, read, write, perm, TopicFilterType.SINGLE_TAG, sysFlag, order);
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            session.admin().createAndUpdateTopicConfig(addr, config);
            session.out().printf("create topic to %s success.%n", addr);
        }
        session.out().println(config);
    }

    private static void updatePerm(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        int perm = perm(line);
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            TopicConfig old = session.admin().getAllTopicConfig(addr).get(topic);
            if (old == null) {
                throw new CommandFailedException("topic " + topic + " does not exist on broker " + addr);
            }
            session.admin().createAndUpdateTopicConfig(addr, new TopicConfig(topic, old.getReadQueueNums(),
                    old.getWriteQueueNums(), perm, old.getTopicFilterType(), old.getTopicSysFlag(), old.isOrder()));
            session.out().printf("update topic perm from %d to %d in %s success.%n", old.getPerm(), perm, addr);
        }
    }

    /** {@code -p}: 2, 4 or 6 (6 when absent). */
    private static int perm(CommandLine line) throws CommandFailedException {
        int perm = Opts.intValue(line, 'p', 6);
        if (!PERMS.contains(perm)) {
            throw new CommandFailedException("-p must be 2 (write), 4 (read) or 6 (read-write), not " + perm);
        }
        return perm;
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
        if (!line.hasOption('l')) {
            session.out().println(JSON.toJSONString(route, JSONWriter.Feature.PrettyFormat));
            return;
        }
        Table table = new Table("#ClusterName", "#BrokerName", "#BrokerAddrs", "#ReadQueue", "#WriteQueue", "#Perm");
        int reads = 0;
        int writes = 0;
        for (BrokerData broker : route.brokerDatas()) {
            for (QueueData q : route.queueDatas()) {
                if (q.brokerName().equals(broker.brokerName())) {
                    table.row(broker.cluster(), broker.brokerName(), new TreeMap<>(broker.brokerAddrs()),
                            q.readQueueNums(), q.writeQueueNums(), q.perm());
                    reads += q.readQueueNums();
                    writes += q.writeQueueNums();
                }
            }
        }
        table.row("Total:", route.brokerDatas().size(), "", reads, writes, "");
        table.print(session.out());
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
