package io.apogee.tools.admin.command;

import io.apogee.common.admin.SubscriptionGroupConfig;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** Subscription group sub-commands: updateSubGroup, deleteSubGroup. */
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
                        Opts.arg("c", "clusterName", false, "delete subscription group from which cluster"),
                        Opts.arg("g", "groupName", true, "subscription group name")), GroupCommands::delete));
    }

    private static void update(CommandLine line, AdminSession session) throws Exception {
        SubscriptionGroupConfig group = new SubscriptionGroupConfig();
        group.setGroupName(line.getOptionValue('g'));
        if (line.hasOption('s')) {
            group.setConsumeEnable(Boolean.parseBoolean(line.getOptionValue('s')));
        }
        if (line.hasOption('m')) {
            group.setConsumeFromMinEnable(Boolean.parseBoolean(line.getOptionValue('m')));
        }
        if (line.hasOption('d')) {
            group.setConsumeBroadcastEnable(Boolean.parseBoolean(line.getOptionValue('d')));
        }
        if (line.hasOption('q')) {
            group.setRetryQueueNums(Integer.parseInt(line.getOptionValue('q')));
        }
        if (line.hasOption('r')) {
            group.setRetryMaxTimes(Integer.parseInt(line.getOptionValue('r')));
        }
        if (line.hasOption('i')) {
            group.setBrokerId(Long.parseLong(line.getOptionValue('i')));
        }
        if (line.hasOption('w')) {
            group.setWhichBrokerWhenConsumeSlowly(Long.parseLong(line.getOptionValue('w')));
        }
        if (line.hasOption('a')) {
            group.setNotifyConsumerIdsChangedEnable(Boolean.parseBoolean(line.getOptionValue('a')));
        }
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            session.admin().createAndUpdateSubscriptionGroupConfig(addr, group);
            session.out().printf("create subscription group to %s success.%n", addr);
        }
    }

    private static void delete(CommandLine line, AdminSession session) throws Exception {
        String group = line.getOptionValue('g');
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            session.admin().deleteSubscriptionGroup(addr, group);
            session.out().printf("delete subscription group [%s] from broker [%s] success.%n", group, addr);
        }
    }
}
