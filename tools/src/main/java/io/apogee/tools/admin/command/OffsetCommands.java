package io.apogee.tools.admin.command;

import io.apogee.common.message.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;

/** Sub-commands that move a group's committed offsets: resetOffsetByTime, skipAccumulatedMessage, cloneGroupOffset. */
public final class OffsetCommands {

    /** The reset timestamp brokers read as "the end of each queue". */
    private static final long QUEUE_END = -1;
    private static final String FORCE = "set the force rollback by timestamp switch[true|false]";

    private OffsetCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("resetOffsetByTime", "Reset consumer offset by timestamp(without client restart).",
                        Opts.of(Opts.arg("g", "group", true, "set the consumer group"),
                                Opts.arg("t", "topic", true, "set the topic"),
                                Opts.arg("s", "timestamp", true, "set the timestamp[now|currentTimeMillis|"
                                        + "yyyy-MM-dd#HH:mm:ss:SSS]"),
                                Opts.arg("f", "force", false, FORCE),
                                Opts.flag("c", "cplus", "reset c++ client offset (the broker resets every client's"
                                        + " offsets the same way)")),
                        (line, session) -> reset(line, session, Opts.timeValue(line, 's', 0))),
                new Command("skipAccumulatedMessage", "Skip all messages that are accumulated (not consumed)"
                        + " currently", Opts.of(Opts.arg("g", "group", true, "set the consumer group"),
                                Opts.arg("t", "topic", true, "set the topic"),
                                Opts.arg("f", "force", false, FORCE)),
                        (line, session) -> reset(line, session, QUEUE_END)),
                new Command("cloneGroupOffset", "clone offset from other group.", Opts.of(
                        Opts.arg("s", "srcGroup", true, "set source consumer group"),
                        Opts.arg("d", "destGroup", true, "set destination consumer group"),
                        Opts.arg("t", "topic", true, "set the topic"),
                        Opts.arg("o", "offline", false, "the group or the topic is offline")), OffsetCommands::clone));
    }

    /** Moves the group's offsets in the topic to {@code timestamp} ({@link #QUEUE_END}: each queue's end). */
    private static void reset(CommandLine line, AdminSession session, long timestamp) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        boolean force = Opts.boolValue(line, 'f', true);
        Map<MessageQueue, Long> offsets = session.admin().resetOffsetByTimestamp(topic, line.getOptionValue('g'),
                timestamp, force);
        Table table = new Table("#brokerName", "#queueId", "#offset");
        new TreeMap<>(offsets).forEach((q, o) -> table.row(q.getBrokerName(), q.getQueueId(), o));
        table.print(session.out());
    }

    private static void clone(CommandLine line, AdminSession session) throws Exception {
        String src = line.getOptionValue('s');
        String dest = line.getOptionValue('d');
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        session.admin().cloneGroupOffset(src, dest, topic, Opts.boolValue(line, 'o', false));
        session.out().printf("clone group offset success. srcGroup[%s], destGroup=[%s], topic[%s]%n", src, dest,
                topic);
    }
}
