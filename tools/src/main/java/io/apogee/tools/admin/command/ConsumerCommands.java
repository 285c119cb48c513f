package io.apogee.tools.admin.command;

import io.apogee.client.MQBrokerException;
import io.apogee.client.admin.ConsumerProgress;
import io.apogee.client.admin.ProducerInstance;
import io.apogee.client.admin.QueueProgress;
import io.apogee.common.admin.Connection;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.admin.ProducerConnection;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.topic.SystemTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;

/**
 * Client-side sub-commands: consumerProgress, consumerConnection, producerConnection, producer ({@link
 * ConsumerStatusCommand} has consumerStatus).
 */
public final class ConsumerCommands {

    private ConsumerCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("consumerProgress", "Query consumers's progress, speed", Opts.of(
                        Opts.arg("g", "groupName", false, "consumer group name (none: every group)"),
                        Opts.arg("s", "showClientIP", false, "Show Client IP per Queue")), ConsumerCommands::progress),
                new Command("consumerConnection", "Query consumer's socket connection, client version and"
                        + " subscription", Opts.of(Opts.arg("g", "consumerGroup", true, "consumer group name"),
                                Opts.arg("b", "brokerAddr", false, "broker address")),
                        ConsumerCommands::consumerConnection),
                new Command("producerConnection", "Query producer's socket connection and client version", Opts.of(
                        Opts.arg("g", "producerGroup", true, "producer group name"),
                        Opts.arg("t", "topic", true, "topic name")), ConsumerCommands::producerConnection),
                new Command("producer", "Query producer's instances, connection, status, etc.", Opts.of(
                        Opts.arg("b", "broker", true, "broker address")), ConsumerCommands::producers));
    }

    private static void progress(CommandLine line, AdminSession session) throws Exception {
        String group = line.getOptionValue('g');
        if (group == null) {
            allGroups(session);
            return;
        }
        Routes.ofGroup(session, group);
        boolean showClient = Opts.boolValue(line, 's', false);
        Map<MessageQueue, String> clients = showClient ? clientsByQueue(group, session) : Map.of();
        ConsumerProgress progress = session.admin().consumerProgress(group);
        Table table = showClient
                ? new Table("#Topic", "#Broker Name", "#QID", "#Broker Offset", "#Consumer Offset", "#Client IP",
                        "#Diff", "#LastTime")
                : new Table("#Topic", "#Broker Name", "#QID", "#Broker Offset", "#Consumer Offset", "#Diff",
                        "#LastTime");
        for (QueueProgress q : progress.queues()) {
            String last = q.lastTimestamp() == 0 ? "N/A" : Times.format(q.lastTimestamp());
            if (showClient) {
                table.row(q.queue().getTopic(), q.queue().getBrokerName(), q.queue().getQueueId(), q.brokerOffset(),
                        q.consumerOffset(), clients.getOrDefault(q.queue(), "N/A"), q.diff(), last);
            } else {
                table.row(q.queue().getTopic(), q.queue().getBrokerName(), q.queue().getQueueId(), q.brokerOffset(),
                        q.consumerOffset(), q.diff(), last);
            }
        }
        table.print(session.out());
        session.out().printf("%nConsume TPS: %.2f%nDiff Total: %s%n", progress.consumeTps(),
                progress.diffTotal().isPresent() ? String.valueOf(progress.diffTotal().getAsLong()) : "unknown");
        Unanswered.check(progress.unanswered());
    }

    /** Which online consumer holds each queue, by the address part of its client id. */
    private static Map<MessageQueue, String> clientsByQueue(String group, AdminSession session) throws Exception {
        Map<MessageQueue, String> clients = new HashMap<>();
        for (Connection c : session.admin().examineConsumerConnectionInfo(group).getConnectionSet()) {
            String host = c.getClientId().contains("@") ? c.getClientId().substring(0, c.getClientId().indexOf('@'))
                    : c.getClientAddr();
            session.admin().getConsumerRunningInfo(group, c.getClientId()).getMqTable().keySet()
                    .forEach(q -> clients.put(q, host));
        }
        return clients;
    }

    /** Every group with a retry topic: its online consumers and its lag. */
    private static void allGroups(AdminSession session) throws Exception {
        Table table = new Table("#Group", "#Count", "#Version", "#Type", "#Model", "#TPS", "#Diff Total");
        for (String topic : new TreeSet<>(session.admin().fetchAllTopicList().topicList())) {
            if (!topic.startsWith(SystemTopics.RETRY_GROUP_TOPIC_PREFIX)) {
                continue;
            }
            String group = topic.substring(SystemTopics.RETRY_GROUP_TOPIC_PREFIX.length());
            ConsumerConnection connection = online(group, session);
            ConsumerProgress progress = session.admin().consumerProgress(group);
            String diff = progress.diffTotal().isPresent() ? String.valueOf(progress.diffTotal().getAsLong())
                    : "unknown";
            if (connection == null) {
                table.row(group, 0, "OFFLINE", "", "", String.format("%.0f", progress.consumeTps()), diff);
            } else {
                int version = connection.getConnectionSet().stream().mapToInt(Connection::getVersion).min().orElse(0);
                table.row(group, connection.getConnectionSet().size(), version, connection.getConsumeType(),
                        connection.getMessageModel(), String.format("%.0f", progress.consumeTps()), diff);
            }
        }
        table.print(session.out());
    }

    /** The group's online consumers, {@code null} when none is online. */
    private static ConsumerConnection online(String group, AdminSession session) throws Exception {
        try {
            ConsumerConnection connection = session.admin().examineConsumerConnectionInfo(group);
            return connection.getConnectionSet().isEmpty() ? null : connection;
        } catch (MQBrokerException e) {
            return null;
        }
    }

    private static void consumerConnection(CommandLine line, AdminSession session) throws Exception {
        String group = line.getOptionValue('g');
        ConsumerConnection connection;
        if (line.hasOption('b')) {
            connection = session.admin().examineConsumerConnectionInfo(group, line.getOptionValue('b'));
        } else {
            Routes.ofGroup(session, group);
            connection = session.admin().examineConsumerConnectionInfo(group);
        }
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

    private static void producers(CommandLine line, AdminSession session) throws Exception {
        Map<String, List<ProducerInstance>> groups = session.admin().getAllProducerInfo(line.getOptionValue('b'));
        if (groups.isEmpty()) {
            session.out().println("no producer is connected to broker " + line.getOptionValue('b'));
        }
        groups.forEach((group, clients) -> clients.forEach(c -> session.out().printf(
                "producer group (%s) instance : clientId=%s, remoteIP=%s, language=%s, version=%d, "
                        + "lastUpdateTimestamp=%s%n", group, c.clientId(), c.remoteIp(), c.language(), c.version(),
                Times.format(c.lastUpdateTimestamp()))));
    }
}
