package io.apogee.tools.admin.command;

import io.apogee.client.admin.QueueStatus;
import io.apogee.client.admin.TopicStatus;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import io.apogee.common.message.StoredMessage;
import io.apogee.common.message.MessageQueue;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** Message sub-commands: queryMsgById, queryMsgByKey, queryMsgByOffset, sendMessage, consumeMessage. */
public final class MessageCommands {

    private MessageCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("queryMsgById", "Query Message by Id", Opts.of(
                        Opts.arg("i", "msgId", true, "Message Id: the offset id, or with -t the client's unique id"),
                        Opts.arg("t", "topic", false, "topic of a unique id")), MessageCommands::byId),
                new Command("queryMsgByKey", "Query Message by Key", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("k", "msgKey", true, "Message Key"),
                        Opts.arg("c", "maxNum", false, "The maximum number of messages returned (default 64)")),
                        MessageCommands::byKey),
                new Command("queryMsgByOffset", "Query Message by offset", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("b", "brokerName", true, "Broker Name"),
                        Opts.arg("i", "queueId", true, "Queue Id"),
                        Opts.arg("o", "offset", true, "Queue Offset")), MessageCommands::byOffset),
                new Command("sendMessage", "Send a message", Opts.of(
                        Opts.arg("t", "topic", true, "Topic name"),
                        Opts.arg("p", "body", true, "UTF-8 string format of the message body"),
                        Opts.arg("k", "key", false, "Message keys"),
                        Opts.arg("c", "tags", false, "Message tags"),
                        Opts.arg("b", "broker", false, "Send message to target broker"),
                        Opts.arg("i", "qid", false, "Send message to target queue")), MessageCommands::send),
                new Command("consumeMessage", "Consume message", Opts.of(
                        Opts.arg("t", "topic", true, "Topic name"),
                        Opts.arg("b", "brokerName", false, "Broker name"),
                        Opts.arg("i", "queueId", false, "Queue Id"),
                        Opts.arg("o", "offset", false, "Queue offset to start from (default: the queue's min)"),
                        Opts.arg("c", "MessageNumber", false, "Number of messages to print (default 128)")),
                        MessageCommands::consume));
    }

    /** A unique (client) id is looked up through the topic's key index; an offset id is read where it points. */
    private static void byId(CommandLine line, AdminSession session) throws Exception {
        String id = line.getOptionValue('i');
        StoredMessage m = null;
        if (line.hasOption('t')) {
            List<StoredMessage> found = session.admin().queryMessageByUniqueKey(line.getOptionValue('t'), id);
            m = found.isEmpty() ? null : found.get(0);
        }
        if (m == null) {
            m = session.admin().viewMessage(id);
        }
        if (m == null) {
            throw new CommandFailedException("no message with id " + line.getOptionValue('i'));
        }
        print(m, session.out());
    }

    private static void byKey(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        int max = Integer.parseInt(line.getOptionValue('c', "64"));
        List<StoredMessage> found = session.admin().queryMessage(topic, line.getOptionValue('k'), max, 0,
                Long.MAX_VALUE);
        Table table = new Table("#Message ID", "#QID", "#Offset");
        found.forEach(m -> table.row(m.getMsgId(), m.getQueueId(), m.getQueueOffset()));
        table.print(session.out());
    }

    private static void byOffset(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        MessageQueue mq = new MessageQueue(topic, line.getOptionValue('b'), Integer.parseInt(line.getOptionValue('i')));
        StoredMessage m = session.admin().queryMessageByOffset(mq, Long.parseLong(line.getOptionValue('o')));
        if (m == null) {
            throw new CommandFailedException("no message at offset " + line.getOptionValue('o') + " of " + mq);
        }
        print(m, session.out());
    }

    private static void send(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Message m = new Message(topic, line.getOptionValue('p').getBytes(StandardCharsets.UTF_8));
        if (line.hasOption('k')) {
            m.setKeys(line.getOptionValue('k'));
        }
        if (line.hasOption('c')) {
            m.setTags(line.getOptionValue('c'));
        }
        SendResult result;
        if (line.hasOption('b') && line.hasOption('i')) {
            result = session.producer().send(m, new MessageQueue(topic, line.getOptionValue('b'),
                    Integer.parseInt(line.getOptionValue('i'))));
        } else {
            result = session.producer().send(m);
        }
        Table table = new Table("#Broker Name", "#QID", "#Send Result", "#MsgId");
        table.row(result.getMessageQueue().getBrokerName(), result.getMessageQueue().getQueueId(),
                result.getSendStatus(), result.getMsgId());
        table.print(session.out());
    }

    private static void consume(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        int remaining = Integer.parseInt(line.getOptionValue('c', "128"));
        TopicStatus status = session.admin().topicStatus(topic);
        for (QueueStatus q : status.queues()) {
            MessageQueue mq = q.queue();
            boolean wanted = (!line.hasOption('b') || mq.getBrokerName().equals(line.getOptionValue('b')))
                    && (!line.hasOption('i') || mq.getQueueId() == Integer.parseInt(line.getOptionValue('i')));
            if (!wanted) {
                continue;
            }
            long from = line.hasOption('o') ? Long.parseLong(line.getOptionValue('o')) : q.minOffset();
            for (long offset = from; offset < q.maxOffset() && remaining > 0; offset++) {
                StoredMessage m = session.admin().queryMessageByOffset(mq, offset);
                if (m != null) {
                    print(m, session.out());
                    session.out().println();
                    remaining--;
                }
            }
        }
        Unanswered.check(status.unanswered());
    }

    private static void print(StoredMessage m, PrintStream out) {
        Table t = new Table("OffsetID:", m.getOffsetMsgId());
        t.row("Msg ID:", m.getMsgId());
        t.row("Topic:", m.getTopic());
        t.row("Tags:", "[" + (m.getTags() == null ? "" : m.getTags()) + "]");
        t.row("Keys:", "[" + (m.getKeys() == null ? "" : m.getKeys()) + "]");
        t.row("Queue ID:", m.getQueueId());
        t.row("Queue Offset:", m.getQueueOffset());
        t.row("CommitLog Offset:", m.getCommitLogOffset());
        t.row("Reconsume Times:", m.getReconsumeTimes());
        t.row("Born Timestamp:", Times.format(m.getBornTimestamp()));
        t.row("Store Timestamp:", Times.format(m.getStoreTimestamp()));
        t.row("Born Host:", hostPort(m.getBornHost()));
        t.row("Store Host:", hostPort(m.getStoreHost()));
        t.row("System Flag:", m.getSysFlag());
        t.row("Properties:", m.getProperties());
        t.row("Message Body:", new String(m.getBody(), StandardCharsets.UTF_8));
        t.print(out);
    }

    /** {@code ip:port}, as RocketMQ prints a message's hosts. */
    private static String hostPort(InetSocketAddress address) {
        if (address == null) {
            return "";
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }
}
