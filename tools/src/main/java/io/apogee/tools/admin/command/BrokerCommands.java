package io.apogee.tools.admin.command;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;

/**
 * Broker sub-commands: brokerStatus, getBrokerConfig, updateBrokerConfig, wipeWritePerm, addWritePerm and the store
 * clean-ups cleanExpiredCQ, cleanUnusedTopic and deleteExpiredCommitLog.
 */
public final class BrokerCommands {

    private BrokerCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("brokerStatus", "Fetch broker runtime status data", Opts.of(
                        Opts.arg("b", "brokerAddr", false, "Broker address"),
                        Opts.arg("c", "clusterName", false, "which cluster")), BrokerCommands::status),
                new Command("getBrokerConfig", "Get broker config by cluster or special broker!", Opts.of(
                        Opts.arg("b", "brokerAddr", false, "get which broker"),
                        Opts.arg("c", "clusterName", false, "get which cluster")), BrokerCommands::getConfig),
                new Command("updateBrokerConfig", "Update broker's config", Opts.of(
                        Opts.arg("b", "brokerAddr", false, "update which broker"),
                        Opts.arg("c", "clusterName", false, "update which cluster"),
                        Opts.arg("k", "key", true, "config key"),
                        Opts.arg("v", "value", true, "config value")), BrokerCommands::updateConfig),
                new Command("wipeWritePerm", "Wipe write perm of broker in all name server", Opts.of(
                        Opts.arg("b", "brokerName", true, "broker name")), (line, session) -> {
                            String broker = line.getOptionValue('b');
                            session.admin().wipeWritePermOfBroker(broker).forEach((ns, count) -> session.out()
                                    .printf("wipe write perm of broker[%s] in name server[%s] OK, %d%n", broker, ns,
                                            count));
                        }),
                new Command("addWritePerm", "Add write perm of broker in all name server", Opts.of(
                        Opts.arg("b", "brokerName", true, "broker name")), (line, session) -> {
                            String broker = line.getOptionValue('b');
                            session.admin().addWritePermOfBroker(broker).forEach((ns, count) -> session.out()
                                    .printf("add write perm of broker[%s] in name server[%s] OK, %d%n", broker, ns,
                                            count));
                        }),
                cleanUp("cleanExpiredCQ", "Clean expired ConsumeQueue on broker.", "clean expired ConsumeQueue",
                        (session, addr) -> session.admin().cleanExpiredConsumerQueueByAddr(addr)),
                cleanUp("cleanUnusedTopic", "Clean unused topic on broker.", "clean unused topic",
                        (session, addr) -> session.admin().cleanUnusedTopicByAddr(addr)),
                cleanUp("deleteExpiredCommitLog", "Delete expired CommitLog files", "delete expired CommitLog",
                        (session, addr) -> session.admin().deleteExpiredCommitLogByAddr(addr)));
    }

    /** One store clean-up request. */
    @FunctionalInterface
    private interface CleanUp {
        boolean run(AdminSession session, String addr) throws Exception;
    }

    /** A clean-up sent to {@code -b} or to every broker (masters and slaves) of {@code -c}, as RocketMQ's. */
    private static SubCommand cleanUp(String name, String description, String what, CleanUp request) {
        return new Command(name, description, Opts.of(
                Opts.arg("b", "brokerAddr", false, "Broker address"),
                Opts.arg("c", "cluster", false, "cluster name")), (line, session) -> {
                    for (String addr : session.allBrokers(line.getOptionValue('b'), line.getOptionValue('c'))) {
                        boolean done = request.run(session, addr);
                        session.out().printf("%s on broker %s %s%n", what, addr, done ? "success" : "false");
                    }
                });
    }

    private static void status(CommandLine line, AdminSession session) throws Exception {
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            Map<String, String> stats = new TreeMap<>(session.admin().fetchBrokerRuntimeStats(addr));
            int width = stats.keySet().stream().mapToInt(String::length).max().orElse(0);
            stats.forEach((k, v) -> session.out().printf("%-" + width + "s : %s%n", k, v));
        }
    }

    private static void getConfig(CommandLine line, AdminSession session) throws Exception {
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            session.out().println("============" + addr + "============");
            Properties config = session.admin().getBrokerConfig(addr);
            new TreeMap<>(config).forEach((k, v) -> session.out().printf("%-50s=  %s%n", k, v));
        }
    }

    private static void updateConfig(CommandLine line, AdminSession session) throws Exception {
        Properties change = new Properties();
        change.setProperty(line.getOptionValue('k'), line.getOptionValue('v'));
        for (String addr : session.masters(line.getOptionValue('b'), line.getOptionValue('c'))) {
            session.admin().updateBrokerConfig(addr, change);
            session.out().printf("update broker config success, %s%n", addr);
        }
    }
}
