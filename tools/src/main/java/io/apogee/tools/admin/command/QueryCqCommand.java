package io.apogee.tools.admin.command;

import io.apogee.client.admin.ConsumeQueueView;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code queryCq}: some entries of one consume queue as the broker holds them (commit-log offset, size, tag hash),
 * with the queue's bounds; with {@code -g}, whether the group's subscription matches each entry.
 */
public final class QueryCqCommand implements SubCommand {

    @Override
    public String name() {
        return "queryCq";
    }

    @Override
    public String description() {
        return "Query cq command.";
    }

    @Override
    public Options options() {
        return Opts.of(Opts.arg("t", "topic", true, "topic name"),
                Opts.arg("q", "queue", true, "queue num, ie. 1"),
                Opts.arg("i", "index", true, "start queue index."),
                Opts.arg("c", "count", false, "how many. (default 10)"),
                Opts.arg("b", "broker", false, "broker addr. (default: the topic's first master)"),
                Opts.arg("g", "consumer", false, "consumer group."));
    }

    @Override
    public void run(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        int queueId = Opts.intValue(line, 'q', 0);
        long index = Opts.longValue(line, 'i', 0);
        int count = Opts.intValue(line, 'c', 10);
        String broker = line.hasOption('b') ? line.getOptionValue('b') : firstMaster(session, topic);
        ConsumeQueueView view = session.admin().queryConsumeQueue(broker, topic, queueId, index, count,
                line.getOptionValue('g'));
        if (view.subscription() != null) {
            session.out().printf("Subscription data: %s%n", view.subscription());
        }
        if (view.filterData() != null) {
            session.out().printf("Filter data: %s%n", view.filterData());
        }
        session.out().printf("Queue data: %nmax: %d, min: %d%n", view.maxIndex(), view.minIndex());
        long idx = index;
        for (ConsumeQueueView.Entry e : view.entries()) {
            session.out().println("======================================");
            session.out().printf("idx: %d%n", idx++);
            session.out().printf("physicOffset=%d, physicSize=%d, tagsCode=%d, eval=%s%n", e.physicOffset(),
                    e.physicSize(), e.tagsCode(), e.eval());
        }
        if (view.entries().isEmpty()) {
            session.out().printf("no entry from index %d (the queue holds %d to %d)%n", index, view.minIndex(),
                    view.maxIndex());
        }
    }

    private static String firstMaster(AdminSession session, String topic) throws Exception {
        return Routes.masters(Routes.of(session, topic)).stream().findFirst()
                .orElseThrow(() -> new CommandFailedException("no master of topic " + topic + " is online"));
    }
}
