package io.apogee.tools.admin.command;

import io.apogee.common.admin.Connection;
import io.apogee.common.admin.ConsumeStatus;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.admin.ProcessQueueInfo;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.message.MessageQueue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code consumerStatus}: each online consumer of a group with what it holds, whether they all subscribe alike and
 * whether every queue is held by one consumer only; with {@code -i}, one consumer's settings, subscriptions, queues and
 * rates (and with {@code -s} its thread dump), as the consumer itself reports them.
 */
public final class ConsumerStatusCommand implements SubCommand {

    @Override
    public String name() {
        return "consumerStatus";
    }

    @Override
    public String description() {
        return "Query consumer's internal data structure";
    }

    @Override
    public Options options() {
        return Opts.of(Opts.arg("g", "consumerGroup", true, "consumer group name"),
                Opts.arg("i", "clientId", false, "The consumer's client id"),
                Opts.arg("b", "brokerAddr", false, "broker address"),
                Opts.flag("s", "jstack", "Run jstack command in the consumer progress"));
    }

    @Override
    public void run(CommandLine line, AdminSession session) throws Exception {
        String group = line.getOptionValue('g');
        Routes.ofGroup(session, group);
        if (line.hasOption('i')) {
            one(session.admin().getConsumerRunningInfo(group, line.getOptionValue('i'), line.hasOption('s')),
                    session);
            return;
        }
        ConsumerConnection connection = line.hasOption('b')
                ? session.admin().examineConsumerConnectionInfo(group, line.getOptionValue('b'))
                : session.admin().examineConsumerConnectionInfo(group);
        Map<String, ConsumerRunningInfo> infos = new TreeMap<>();
        Table table = new Table("#Index", "#ClientId", "#Version", "#Queues");
        int i = 1;
        for (Connection c : connection.getConnectionSet()) {
            ConsumerRunningInfo info = session.admin().getConsumerRunningInfo(group, c.getClientId(), false);
            infos.put(c.getClientId(), info);
            table.row(i++, c.getClientId(), c.getVersion(), info.getMqTable().size());
        }
        table.print(session.out());
        session.out().println();
        boolean sameSubscription = infos.values().stream().map(ConsumerRunningInfo::getSubscriptionSet)
                .distinct().count() <= 1;
        session.out().println(sameSubscription ? "Same subscription in the same group of consumer"
                : "WARN: Different subscription in the same group of consumer!!!");
        session.out().println();
        session.out().println(rebalance(infos));
    }

    /** "Rebalance OK", or the queues two consumers hold at once. */
    private static String rebalance(Map<String, ConsumerRunningInfo> infos) {
        Map<MessageQueue, String> holders = new HashMap<>();
        StringBuilder twice = new StringBuilder();
        infos.forEach((client, info) -> info.getMqTable().forEach((q, state) -> {
            String other = state.isDroped() ? null : holders.putIfAbsent(q, client);
            if (other != null) {
                twice.append(String.format("%n%s held by %s and %s", q, other, client));
            }
        }));
        return twice.isEmpty() ? "Rebalance OK" : "Rebalance Failed:" + twice;
    }

    private static void one(ConsumerRunningInfo info, AdminSession session) {
        session.out().println("#Consumer Properties#");
        Table properties = new Table("key", "value");
        new TreeMap<>(info.getProperties()).forEach((k, v) -> properties.row(k + ":", v));
        properties.print(session.out());
        session.out().printf("%n#Consumer Subscription#%n");
        Table subs = new Table("#", "#Topic", "#ClassFilter", "#SubExpression");
        int i = 1;
        for (SubscriptionData sub : Set.copyOf(info.getSubscriptionSet())) {
            subs.row(i++, sub.getTopic(), false, sub.getSubString());
        }
        subs.print(session.out());
        session.out().printf("%n#Consumer Offset#%n");
        Table queues = new Table("#Topic", "#Broker Name", "#QID", "#Consumer Offset", "#Cached Msgs", "#Locked",
                "#Dropped");
        for (Map.Entry<MessageQueue, ProcessQueueInfo> q : new TreeMap<>(info.getMqTable()).entrySet()) {
            ProcessQueueInfo p = q.getValue();
            queues.row(q.getKey().getTopic(), q.getKey().getBrokerName(), q.getKey().getQueueId(),
                    p.getCommitOffset(), p.getCachedMsgCount(), p.isLocked(), p.isDroped());
        }
        queues.print(session.out());
        session.out().printf("%n#Consumer RT&TPS#%n");
        Table rates = new Table("#Topic", "#Pull RT", "#Pull TPS", "#Consume RT", "#ConsumeOK TPS",
                "#ConsumeFailed TPS", "#ConsumeFailedMsgsInHour");
        for (Map.Entry<String, ConsumeStatus> s : new TreeMap<>(info.getStatusTable()).entrySet()) {
            ConsumeStatus c = s.getValue();
            rates.row(s.getKey(), fmt(c.getPullRT()), fmt(c.getPullTPS()), fmt(c.getConsumeRT()),
                    fmt(c.getConsumeOKTPS()), fmt(c.getConsumeFailedTPS()), c.getConsumeFailedMsgs());
        }
        rates.print(session.out());
        if (info.getJstack() != null) {
            session.out().printf("%n#Consumer jstack#%n%s%n", info.getJstack());
        }
    }

    private static String fmt(double value) {
        return String.format("%.2f", value);
    }
}
