package io.apogee.tools.admin.command;

import io.apogee.client.admin.BrokerFailure;
import io.apogee.client.admin.BrokerFigures;
import io.apogee.client.admin.BrokerOverview;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code clusterList}: every broker of every cluster with its version and load, as RocketMQ prints it (with
 * {@code -i}, again every so many seconds). A broker that does not answer keeps its row, with the error in place of
 * its figures, and the command then fails naming it.
 */
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
                "which cluster"), Opts.arg("i", "interval", false, "specify intervals numbers, it is in seconds"
                        + " (print again every so many seconds, until stopped)"));
    }

    @Override
    public void run(CommandLine line, AdminSession session) throws Exception {
        long intervalSeconds = Opts.longValue(line, 'i', 0);
        if (intervalSeconds < 0) {
            throw new CommandFailedException("-i must be a number of seconds, not " + intervalSeconds);
        }
        print(line, session);
        while (intervalSeconds > 0) {
            Thread.sleep(intervalSeconds * 1000);
            print(line, session);
        }
    }

    private static void print(CommandLine line, AdminSession session) throws Exception {
        String only = line.getOptionValue('c');
        List<BrokerOverview> brokers = session.admin().clusterOverview().brokers().stream()
                .filter(b -> only == null || b.clusterName().equals(only)).toList();
        table(brokers, line.hasOption('m')).print(session.out());
        Unanswered.check(brokers.stream().filter(b -> !b.answered())
                .map(b -> new BrokerFailure(b.brokerName(), b.addr(), b.error())).toList());
    }

    /** The table printed: the load columns, or with {@code more} yesterday's and today's totals. */
    static Table table(List<BrokerOverview> brokers, boolean more) {
        Table table = more
                ? new Table("#Cluster Name", "#Broker Name", "#InTotalYest", "#OutTotalYest", "#InTotalToday",
                        "#OutTotalToday")
                : new Table("#Cluster Name", "#Broker Name", "#BID", "#Addr", "#Version", "#InTPS(LOAD)",
                        "#OutTPS(LOAD)", "#Hour", "#SPACE");
        for (BrokerOverview b : brokers) {
            BrokerFigures f = b.figures();
            if (more) {
                if (f == null) {
                    table.row(b.clusterName(), b.brokerName(), "ERROR: " + b.error());
                } else {
                    table.row(b.clusterName(), b.brokerName(), f.inTotalYesterday(), f.outTotalYesterday(),
                            f.inTotalToday(), f.outTotalToday());
                }
            } else if (f == null) {
                table.row(b.clusterName(), b.brokerName(), b.brokerId(), b.addr(), "ERROR: " + b.error());
            } else {
                table.row(b.clusterName(), b.brokerName(), b.brokerId(), b.addr(),
                        f.version().isEmpty() ? "?" : f.version(), String.format("%.2f", f.inTps()),
                        String.format("%.2f", f.outTps()), String.format("%.2f", f.storedHours()),
                        String.format("%.4f", f.diskRatio()));
            }
        }
        return table;
    }
}
