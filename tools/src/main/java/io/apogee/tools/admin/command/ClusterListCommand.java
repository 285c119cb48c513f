package io.apogee.tools.admin.command;

import io.apogee.common.route.ClusterInfo;
import io.apogee.common.route.BrokerData;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code clusterList}: every broker of every cluster with its version and load, as RocketMQ prints it. */
public final class ClusterListCommand implements SubCommand {

    @Override
    public String name() {
        return "clusterList";
    }

    @Override
    public String description() {
        return "List cluster infos";
    }

    @Override
    public Options options() {
        return Opts.of(Opts.flag("m", "moreStats", "Print more stats"), Opts.arg("c", "clusterName", false,
                "which cluster"));
    }

    @Override
    public void run(CommandLine line, AdminSession session) throws Exception {
        ClusterInfo info = session.admin().examineBrokerClusterInfo();
        boolean more = line.hasOption('m');
        Table table = more
                ? new Table("#Cluster Name", "#Broker Name", "#InTotalYest", "#OutTotalYest", "#InTotalToday",
                        "#OutTotalToday")
                : new Table("#Cluster Name", "#Broker Name", "#BID", "#Addr", "#Version", "#InTPS(LOAD)",
                        "#OutTPS(LOAD)", "#Hour", "#SPACE");
        for (Map.Entry<String, java.util.Set<String>> cluster : new TreeMap<>(info.clusterAddrTable()).entrySet()) {
            if (line.hasOption('c') && !cluster.getKey().equals(line.getOptionValue('c'))) {
                continue;
            }
            for (String brokerName : new TreeSet<>(cluster.getValue())) {
                BrokerData data = info.brokerAddrTable().get(brokerName);
                if (data == null) {
                    continue;
                }
                for (Map.Entry<Long, String> broker : new TreeMap<>(data.brokerAddrs()).entrySet()) {
                    Map<String, String> stats = stats(session, broker.getValue());
                    if (more) {
                        table.row(cluster.getKey(), brokerName, diff(stats, "msgPutTotalTodayMorning",
                                "msgPutTotalYesterdayMorning"), diff(stats, "msgGetTotalTodayMorning",
                                "msgGetTotalYesterdayMorning"), diff(stats, "msgPutTotalTodayNow",
                                "msgPutTotalTodayMorning"), diff(stats, "msgGetTotalTodayNow", "msgGetTotalTodayMorning"));
                    } else {
                        table.row(cluster.getKey(), brokerName, broker.getKey(), broker.getValue(),
                                stats.getOrDefault("brokerVersionDesc", "?"), firstToken(stats.get("putTps")),
                                firstToken(stats.get("getTransferedTps")), hours(stats), space(stats));
                    }
                }
            }
        }
        table.print(session.out());
    }

    private static Map<String, String> stats(AdminSession session, String addr) {
        try {
            return session.admin().fetchBrokerRuntimeStats(addr);
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static String firstToken(String tps) {
        return tps == null || tps.isBlank() ? "0.00" : tps.trim().split("\\s+")[0];
    }

    private static String hours(Map<String, String> stats) {
        try {
            long earliest = Long.parseLong(stats.getOrDefault("earliestMessageTimeStamp", "0"));
            return earliest <= 0 ? "0.00" : String.format("%.2f", (System.currentTimeMillis() - earliest) / 3.6e6);
        } catch (NumberFormatException e) {
            return "?";
        }
    }

    private static String space(Map<String, String> stats) {
        try {
            return String.format("%.4f", Double.parseDouble(stats.getOrDefault("commitLogDiskRatio", "0")));
        } catch (NumberFormatException e) {
            return "?";
        }
    }

    private static String diff(Map<String, String> stats, String now, String then) {
        try {
            return String.valueOf(Long.parseLong(stats.getOrDefault(now, "0"))
                    - Long.parseLong(stats.getOrDefault(then, "0")));
        } catch (NumberFormatException e) {
            return "?";
        }
    }
}
