package io.apogee.tools.admin.command;

import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import io.apogee.common.topic.SystemTopics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;

/** Subscription group sub-commands: updateSubGroup, deleteSubGroup, getConsumerConfig. */
public final class GroupCommands {

    private GroupCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("updateSubGroup", "Update or create subscription group", Opts.of(
                        Opts.arg("b", "brokerAddr", false, "create subscription group to which broker"),
                        Opts.arg("c", "clusterName", false, "create subscription group to which cluster"),
                        Opts.arg("g", "groupName", true, "consumer group name"),
                        Opts.arg("s", "consumeEnable", false, "consume enable"),
                        Opts.arg("m", "consumeFromMinEnable", false, "from min offset"),
                        Opts.arg("d", "consumeBroadcastEnable", false, "broadcast"),
                        Opts.arg("q", "retryQueueNums", false, "retry queue nums"),
                        Opts.arg("r", "retryMaxTimes", false, "retry max times"),
                        Opts.arg("i", "brokerId", false, "consumer from which broker id"),
                        Opts.arg("w", "whichBrokerWhenConsumeSlowly", false, "which broker id when consume slowly"),
                        Opts.arg("a", "notifyConsumerIdsChanged", false, "notify consumerId changed")),
                        GroupCommands::update),
                new Command("deleteSubGroup", "Delete subscription group from broker.", Opts.of(
                        Opts.arg("b", "brokerAddr", false, "delete subscription group from which broker"),
                        Opts.arg("c", "clusterName", false, "delete subscription group (and its retry and dead-letter"
                                + " topics) from which cluster"),
                        Opts.arg("g", "groupName", true, "subscription group name"),
                        Opts.arg("r", "removeOffset", false, "remove offset")), GroupCommands::delete),
                new Command("getConsumerConfig", "Get consumer config by subscription group name!", Opts.of(
                        Opts.arg("g", "groupName", true, "subscription group name")), GroupCommands::config));
    }

    private static void update(CommandLine line, AdminSession session) throws Exception {
        SubscriptionGroupConfig group = new SubscriptionGroupConfig();
        group.setGroupName(line.getOptionValue('g'));
        if (line.hasOption('s')) {
            group.setConsumeEnable(Opts.boolValue(line, 's', true));
        }
        if (line.hasOption('m')) {
            group.setConsumeFromMinEnable(Opts.boolValue(line, 'm', true));
        }
        if (line.hasOption('d')) {
            group.setConsumeBroadcastEnable(Opts.boolValue(line, 'd', true));
        }
        if (line.hasOption('q')) {
            group.setRetryQueueNums(Opts.intValue(line, 'q', 1));
        }
        if (line.hasOption('r')) {
            group.setRetryMaxTimes(Opts.intValue(line, 'r', 16));
        }
        if (line.hasOption('i')) {
            group.setBrokerId(Opts.longValue(line, 'i', 0));
        }
        if (line.hasOption('w')) {
            group.setWhichBrokerWhenConsumeSlowly(Opts.longValue(line, 'w', 1));
        }
        if (line.hasOption('a')) {
            group.setNotifyConsumerIdsChangedEnable(Opts.boolValue(line, 'a', true));
        }
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            session.admin().createAndUpdateSubscriptionGroupConfig(addr, group);
            session.out().printf("create subscription group to %s success.%n", addr);
        }
    }

    private static void delete(CommandLine line, AdminSession session) throws Exception {
        String group = line.getOptionValue('g');
        boolean removeOffset = Opts.boolValue(line, 'r', false);
        String cluster = line.hasOption('b') ? null : line.getOptionValue('c');
        for (String addr : session.masters(line.getOptionValue('b'), cluster)) {
            session.admin().deleteSubscriptionGroup(addr, group, removeOffset);
            session.out().printf("delete subscription group [%s] from broker [%s] success.%n", group, addr);
        }
        if (cluster != null) {
            for (String topic : List.of(SystemTopics.retryTopic(group), SystemTopics.dlqTopic(group))) {
                session.admin().deleteTopic(topic, cluster);
                session.out().printf("delete topic [%s] from cluster [%s] success.%n", topic, cluster);
            }
        }
    }

    /** The group's config on every master of every cluster that has it. */
    private static void config(CommandLine line, AdminSession session) throws Exception {
        String group = line.getOptionValue('g');
        ClusterInfo info = session.admin().examineBrokerClusterInfo();
        boolean found = false;
        for (Map.Entry<String, Set<String>> cluster : new TreeMap<>(info.clusterAddrTable()).entrySet()) {
            for (String brokerName : new TreeSet<>(cluster.getValue())) {
                BrokerData broker = info.brokerAddrTable().get(brokerName);
                String addr = broker == null ? null : broker.brokerAddrs().get(BrokerData.MASTER_ID);
                SubscriptionGroupConfig config = addr == null ? null
                        : session.admin().examineSubscriptionGroupConfig(addr, group);
                if (config != null) {
                    found = true;
                    print(cluster.getKey() + ":" + brokerName, config, session);
                }
            }
        }
        if (!found) {
            throw new CommandFailedException("no master broker has a subscription group named " + group);
        }
    }

    private static void print(String where, SubscriptionGroupConfig c, AdminSession session) {
        session.out().println("=============================" + where + "=============================");
        Table table = new Table("groupName", "=  " + c.getGroupName());
        table.row("consumeEnable", "=  " + c.isConsumeEnable());
        table.row("consumeFromMinEnable", "=  " + c.isConsumeFromMinEnable());
        table.row("consumeBroadcastEnable", "=  " + c.isConsumeBroadcastEnable());
        table.row("retryQueueNums", "=  " + c.getRetryQueueNums());
        table.row("retryMaxTimes", "=  " + c.getRetryMaxTimes());
        table.row("brokerId", "=  " + c.getBrokerId());
        table.row("whichBrokerWhenConsumeSlowly", "=  " + c.getWhichBrokerWhenConsumeSlowly());
        table.row("notifyConsumerIdsChangedEnable", "=  " + c.isNotifyConsumerIdsChangedEnable());
        table.print(session.out());
    }
}
