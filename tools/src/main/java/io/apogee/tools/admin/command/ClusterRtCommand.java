package io.apogee.tools.admin.command;

import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.message.Message;
import io.apogee.common.route.ClusterInfo;
import java.io.PrintStream;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code clusterRT}: sends {@code -a} messages to each broker of each cluster (to its own topic, named after the
 * broker) and prints the average send time and the successes and failures, one round every {@code -i} seconds until
 * stopped, as RocketMQ's does; {@code -p true} prints each broker as one {@code time|room|cluster|broker|rt} line.
 */
public final class ClusterRtCommand implements SubCommand {

    @Override
    public String name() {
        return "clusterRT";
    }

    @Override
    public String description() {
        return "List All clusters Message Send RT";
    }

    @Override
    public Options options() {
        return Opts.of(Opts.arg("a", "amount", false, "message amount | default 100"),
                Opts.arg("s", "size", false, "message size | default 128 Byte"),
                Opts.arg("c", "cluster", false, "cluster name | default display all cluster"),
                Opts.arg("p", "print log", false, "print as tlog | default false"),
                Opts.arg("m", "machine room", false, "machine room name | default noname"),
                Opts.arg("i", "interval", false, "print interval | default 10 seconds"));
    }

    @Override
    public void run(CommandLine line, AdminSession session) throws Exception {
        long intervalMillis = Opts.longValue(line, 'i', 10) * 1000;
        boolean header = true;
        while (true) {
            round(line, session, header);
            header = false;
            Thread.sleep(intervalMillis);
        }
    }

    /** One round over every broker asked for; prints the table header when {@code header}. */
    static void round(CommandLine line, AdminSession session, boolean header) throws Exception {
        int amount = Opts.intValue(line, 'a', 100);
        byte[] body = SendCheckCommands.body(Opts.intValue(line, 's', 128));
        boolean tlog = Opts.boolValue(line, 'p', false);
        String room = line.getOptionValue('m', "noname");
        ClusterInfo info = session.admin().examineBrokerClusterInfo();
        Map<String, Set<String>> clusters = new TreeMap<>(info.clusterAddrTable());
        if (line.hasOption('c')) {
            String only = line.getOptionValue('c');
            if (!clusters.containsKey(only)) {
                throw new CommandFailedException("cluster [" + only + "] not exist");
            }
            clusters = Map.of(only, clusters.get(only));
        }
        PrintStream out = session.out();
        if (header && !tlog) {
            out.printf("%-24s  %-24s  %-8s  %-16s  %-16s%n", "#Cluster Name", "#Broker Name", "#RT", "#successCount",
                    "#failCount");
        }
        DefaultMQProducer producer = session.producer();
        for (Map.Entry<String, Set<String>> cluster : clusters.entrySet()) {
            for (String broker : new TreeSet<>(cluster.getValue())) {
                int ok = 0;
                long totalMillis = 0;
                for (int i = 0; i < amount; i++) {
                    long start = System.nanoTime();
                    try {
                        ok += producer.send(new Message(broker, body)).getSendStatus() == SendStatus.SEND_OK ? 1 : 0;
                    } catch (Exception e) {
                        // counted as a failure below
                    }
                    totalMillis += (System.nanoTime() - start) / 1_000_000;
                }
                double rt = amount == 0 ? 0 : (double) totalMillis / amount;
                if (tlog) {
                    out.printf("%s|%s|%s|%s|%.4f%n", new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(new Date()),
                            room, cluster.getKey(), broker, rt);
                } else {
                    out.printf("%-24s  %-24s  %-8s  %-16s  %-16s%n", cluster.getKey(), broker,
                            String.format("%.2f", rt), ok, amount - ok);
                }
            }
        }
    }
}
