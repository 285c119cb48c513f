package io.apogee.tools.admin.command;

import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * Message query sub-commands: queryMsgById, queryMsgByKey, queryMsgByUniqueKey, queryMsgByOffset
 * ({@link MessageTraceCommand} has queryMsgTraceById).
 */
public final class MessageCommands {

    /** The most messages a unique-key query prints with {@code -a}, as RocketMQ's. */
    private static final int UNIQUE_KEY_MAX = 32;

    private MessageCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("queryMsgById", "Query Message by Id", Opts.of(
                        Opts.arg("i", "msgId", true, "Message Id: offset ids (, separated), or with -t the client's"
                                + " unique id"),
                        Opts.arg("t", "topic", false, "topic of a unique id"),
                        Opts.arg("g", "consumerGroup", false, "consumer group name (with -d: consume it again)"),
                        Opts.arg("d", "clientId", false, "The consumer's client id"),
                        Opts.arg("s", "sendMessage", false, "resend message"),
                        Opts.arg("u", "unitName", false, "unit name (unit mode: not supported)")),
                        MessageCommands::byId),
                new Command("queryMsgByKey", "Query Message by Key", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("k", "msgKey", true, "Message Key"),
                        Opts.arg("c", "maxNum", false, "The maximum number of messages returned (default 64)")),
                        MessageCommands::byKey),
                new Command("queryMsgByUniqueKey", "Query Message by Unique key", Opts.of(
                        Opts.arg("i", "msgId", true, "Message Id"),
                        Opts.arg("g", "consumerGroup", false, "consumer group name (with -d: consume it again)"),
                        Opts.arg("d", "clientId", false, "The consumer's client id"),
                        Opts.arg("t", "topic", true, "The topic of msg"),
                        Opts.flag("a", "showAll", "Print all message, the limit is 32")),
                        MessageCommands::byUniqueKey),
                new Command("queryMsgByOffset", "Query Message by offset", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("b", "brokerName", true, "Broker Name"),
                        Opts.arg("i", "queueId", true, "Queue Id"),
                        Opts.arg("o", "offset", true, "Queue Offset")), MessageCommands::byOffset));
    }

    /** A unique (client) id is looked up through the topic's key index; an offset id is read where it points. */
    private static void byId(CommandLine line, AdminSession session) throws Exception {
        if (line.hasOption('u')) {
            throw new CommandFailedException("-u: unit mode (unit names) is not supported");
        }
        boolean resend = Opts.boolValue(line, 's', false);
        for (String id : line.getOptionValue('i').split(",")) {
            MessageExt m = find(line, session, id.trim());
            if (line.hasOption('g') && line.hasOption('d')) {
                consumeAgain(line, session, m);
            } else if (resend) {
                Message copy = new Message(m.getTopic(), m.getTags(), m.getKeys(), m.getBody());
                session.out().printf("prepare resend msg. originalMsgId=%s%n", m.getMsgId());
                session.out().println(session.producer().send(copy));
            } else {
                MessageView.print(m, session.out());
            }
        }
    }

    private static MessageExt find(CommandLine line, AdminSession session, String id) throws Exception {
        MessageExt m = null;
        if (line.hasOption('t')) {
            List<MessageExt> found = session.admin().queryMessageByUniqueKey(line.getOptionValue('t'), id);
            m = found.isEmpty() ? null : found.get(0);
        }
        if (m == null) {
            m = session.admin().viewMessage(id);
        }
        if (m == null) {
            throw new CommandFailedException("no message with id " + id
                    + (line.hasOption('t') ? " in topic " + line.getOptionValue('t') : " (a client id needs -t)"));
        }
        return m;
    }

    /** Has consumer {@code -d} of group {@code -g} consume {@code m} once more, and prints what it answered. */
    private static void consumeAgain(CommandLine line, AdminSession session, MessageExt m) throws Exception {
        ConsumeMessageDirectlyResult result = session.admin().consumeMessageDirectly(line.getOptionValue('g'),
                line.getOptionValue('d'), m.getOffsetMsgId());
        session.out().printf("ConsumeMessageDirectlyResult [order=%s, autoCommit=%s, consumeResult=%s, remark=%s, "
                        + "spentTimeMills=%d]%n", result.isOrder(), result.isAutoCommit(), result.getConsumeResult(),
                result.getRemark(), result.getSpentTimeMills());
    }

    private static void byKey(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        int max = Opts.intValue(line, 'c', 64);
        List<MessageExt> found = session.admin().queryMessage(topic, line.getOptionValue('k'), max, 0,
                Long.MAX_VALUE).getMessageList();
        Table table = new Table("#Message ID", "#QID", "#Offset");
        found.forEach(m -> table.row(m.getMsgId(), m.getQueueId(), m.getQueueOffset()));
        table.print(session.out());
    }

    private static void byUniqueKey(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        String id = line.getOptionValue('i').trim();
        List<MessageExt> found = new ArrayList<>(session.admin().queryMessageByUniqueKey(topic, id));
        if (found.isEmpty()) {
            throw new CommandFailedException("no message with unique key " + id + " in topic " + topic);
        }
        if (line.hasOption('g') && line.hasOption('d')) {
            consumeAgain(line, session, found.get(0));
            return;
        }
        for (MessageExt m : line.hasOption('a') ? found.subList(0, Math.min(UNIQUE_KEY_MAX, found.size()))
                : found.subList(0, 1)) {
            MessageView.print(m, session.out());
            session.out().println();
        }
    }

    private static void byOffset(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        MessageQueue mq = new MessageQueue(topic, line.getOptionValue('b'), Opts.intValue(line, 'i', 0));
        MessageExt m = session.admin().queryMessageByOffset(mq, Opts.longValue(line, 'o', 0));
        if (m == null) {
            throw new CommandFailedException("no message at offset " + line.getOptionValue('o') + " of " + mq);
        }
        MessageView.print(m, session.out());
    }
}
