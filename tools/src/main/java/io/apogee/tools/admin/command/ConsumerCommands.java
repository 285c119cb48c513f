package io.apogee.tools.admin.command;

import io.apogee.client.admin.ConsumerProgress;
import io.apogee.client.admin.QueueProgress;
import io.apogee.common.admin.Connection;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.admin.ProducerConnection;
import io.apogee.common.message.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;

/** Consumer-side sub-commands: consumerProgress, consumerConnection, producerConnection, resetOffsetByTime. */
public final class ConsumerCommands {

    private ConsumerCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("consumerProgress", "Query consumers's progress, speed", Opts.of(
                        Opts.arg("g", "groupName", true, "consumer group name")), ConsumerCommands::progress),
                new Command("consumerConnection", "Query consumer's socket connection, client version and"
                        + " subscription", Opts.of(Opts.arg("g", "consumerGroup", true, "consumer group name")),
                        ConsumerCommands::consumerConnection),
                new Command("producerConnection", "Query producer's socket connection and client version", Opts.of(
                        Opts.arg("g", "producerGroup", true, "producer group name"),
                        Opts.arg("t", "topic", true, "topic name")), ConsumerCommands::producerConnection),
                new Command("resetOffsetByTime", "Reset consumer offset by timestamp(without client restart).",
                        Opts.of(Opts.arg("g", "group", true, "set the consumer group"),
                                Opts.arg("t", "topic", true, "set the topic"),
                                Opts.arg("s", "timestamp", true, "set the timestamp[now|currentTimeMillis|"
                                        + "yyyy-MM-dd#HH:mm:ss:SSS]"),
                                Opts.arg("f", "force", false, "set the force rollback by timestamp switch[true|false]")),
                        ConsumerCommands::resetOffset));
    }

    private static void progress(CommandLine line, AdminSession session) throws Exception {
        String group = line.getOptionValue('g');
        Routes.of(session, "%RETRY%" + group);
        ConsumerProgress progress = session.admin().consumerProgress(group);
        Table table = new Table("#Topic", "#Broker Name", "#QID", "#Broker Offset", "#Consumer Offset", "#Diff",
                "#LastTime");
        for (QueueProgress q : progress.queues()) {
            table.row(q.queue().getTopic(), q.queue().getBrokerName(), q.queue().getQueueId(), q.brokerOffset(),
                    q.consumerOffset(), q.diff(), q.lastTimestamp() == 0 ? "N/A" : Times.format(q.lastTimestamp()));
        }
        table.print(session.out());
        session.out().printf("%nConsume TPS: %.2f%nDiff Total: %s%n", progress.consumeTps(),
                progress.diffTotal().isPresent() ? String.valueOf(progress.diffTotal().getAsLong()) : "unknown");
        Unanswered.check(progress.unanswered());
    }

    private static void consumerConnection(CommandLine line, AdminSession session) throws Exception {
        String group = line.getOptionValue('g');
        Routes.of(session, "%RETRY%" + group);
        ConsumerConnection connection = session.admin().examineConsumerConnectionInfo(group);
        Table table = new Table("#", "#ClientId", "#ClientAddr", "#Language", "#Version");
        int i = 1;
        for (Connection c : connection.getConnectionSet()) {
            table.row(i++, c.getClientId(), c.getClientAddr(), c.getLanguage(), c.getVersion());
        }
        table.print(session.out());
        session.out().println();
        session.out().println("Below is subscription:");
        Table subs = new Table("#", "#Topic", "#SubExpression");
        i = 1;
        for (var sub : new TreeMap<>(connection.getSubscriptionTable()).entrySet()) {
            subs.row(i++, sub.getKey(), sub.getValue().getSubString());
        }
        subs.print(session.out());
        session.out().printf("%nConsumeType: %s%nMessageModel: %s%nConsumeFromWhere: %s%n",
                connection.getConsumeType(), connection.getMessageModel(), connection.getConsumeFromWhere());
    }

    private static void producerConnection(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        ProducerConnection connection = session.admin().examineProducerConnectionInfo(line.getOptionValue('g'), topic);
        Table table = new Table("#", "#ClientId", "#ClientAddr", "#Language", "#Version");
        int i = 1;
        for (Connection c : connection.getConnectionSet()) {
            table.row(i++, c.getClientId(), c.getClientAddr(), c.getLanguage(), c.getVersion());
        }
        table.print(session.out());
    }

    private static void resetOffset(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        long timestamp;
        try {
            timestamp = Times.parse(line.getOptionValue('s'));
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
        boolean force = Boolean.parseBoolean(line.getOptionValue('f', "true"));
        Map<MessageQueue, Long> offsets = session.admin().resetOffsetByTimestamp(topic, line.getOptionValue('g'),
                timestamp, force);
        Table table = new Table("#brokerName", "#queueId", "#offset");
        new TreeMap<>(offsets).forEach((q, o) -> table.row(q.getBrokerName(), q.getQueueId(), o));
        table.print(session.out());
    }
}
