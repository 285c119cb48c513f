package io.apogee.tools.admin.command;

import io.apogee.client.admin.QueueStatus;
import io.apogee.client.admin.TopicStatus;
import io.apogee.client.producer.SendResult;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;

/** Sub-commands that send or read messages by hand: sendMessage, consumeMessage, printMsg, printMsgByQueue. */
public final class MessageIoCommands {

    /** Messages asked of a broker per pull. */
    private static final int PULL_BATCH = 32;
    private static final String END_TIMESTAMP = "End timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]";

    private MessageIoCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("sendMessage", "Send a message", Opts.of(
                        Opts.arg("t", "topic", true, "Topic name"),
                        Opts.arg("p", "body", true, "UTF-8 string format of the message body"),
                        Opts.arg("k", "key", false, "Message keys"),
                        Opts.arg("c", "tags", false, "Message tags"),
                        Opts.arg("b", "broker", false, "Send message to target broker (with -i)"),
                        Opts.arg("i", "qid", false, "Send message to target queue (with -b)"),
                        Opts.arg("m", "msgTraceEnable", false, "Message Trace Enable, Default: false")),
                        MessageIoCommands::send),
                new Command("consumeMessage", "Consume message", Opts.of(
                        Opts.arg("t", "topic", true, "Topic name"),
                        Opts.arg("b", "brokerName", false, "Broker name"),
                        Opts.arg("i", "queueId", false, "Queue Id"),
                        Opts.arg("o", "offset", false, "Queue offset to start from (default: the queue's min)"),
                        Opts.arg("g", "consumerGroup", false, "Consumer group name the pulls are made as"),
                        Opts.arg("s", "beginTimestamp", false, "Begin timestamp[currentTimeMillis|"
                                + "yyyy-MM-dd#HH:mm:ss:SSS]"),
                        Opts.arg("e", "endTimestamp", false, END_TIMESTAMP),
                        Opts.arg("c", "MessageNumber", false, "Number of message to be consumed (default 128)")),
                        MessageIoCommands::consume),
                new Command("printMsg", "Print Message Detail", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("c", "charsetName", false, "CharsetName(eg: UTF-8,GBK)"),
                        Opts.arg("s", "subExpression", false, "Subscribe Expression(eg: TagA || TagB)"),
                        Opts.arg("b", "beginTimestamp", false, "Begin timestamp[currentTimeMillis|"
                                + "yyyy-MM-dd#HH:mm:ss:SSS]"),
                        Opts.arg("e", "endTimestamp", false, END_TIMESTAMP),
                        Opts.arg("d", "printBody", false, "print body")), MessageIoCommands::printTopic),
                new Command("printMsgByQueue", "Print Message Detail", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("a", "brokerName", true, "broker name"),
                        Opts.arg("i", "queueId", true, "queue id"),
                        Opts.arg("c", "charsetName", false, "CharsetName(eg: UTF-8,GBK)"),
                        Opts.arg("s", "subExpression", false, "Subscribe Expression(eg: TagA || TagB)"),
                        Opts.arg("b", "beginTimestamp", false, "Begin timestamp[currentTimeMillis|"
                                + "yyyy-MM-dd#HH:mm:ss:SSS]"),
                        Opts.arg("e", "endTimestamp", false, END_TIMESTAMP),
                        Opts.arg("p", "print msg", false, "print msg. eg: true | false(default)"),
                        Opts.arg("d", "printBody", false, "print body. eg: true | false(default)"),
                        Opts.arg("f", "calculate", false, "calculate by tag. eg: true | false(default)")),
                        MessageIoCommands::printQueue));
    }

    private static void send(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        if (line.hasOption('b') != line.hasOption('i')) {
            throw new CommandFailedException("-b (broker) and -i (queue id) go together: give both or neither");
        }
        Message m = new Message(topic, line.getOptionValue('p').getBytes(StandardCharsets.UTF_8));
        if (line.hasOption('k')) {
            m.setKeys(line.getOptionValue('k'));
        }
        if (line.hasOption('c')) {
            m.setTags(line.getOptionValue('c'));
        }
        boolean trace = Opts.boolValue(line, 'm', false);
        SendResult result = line.hasOption('b')
                ? session.producer(trace).send(m, new MessageQueue(topic, line.getOptionValue('b'),
                        Opts.intValue(line, 'i', 0)))
                : session.producer(trace).send(m);
        Table table = new Table("#Broker Name", "#QID", "#Send Result", "#MsgId");
        table.row(result.getMessageQueue().getBrokerName(), result.getMessageQueue().getQueueId(),
                result.getSendStatus(), result.getMsgId());
        table.print(session.out());
    }

    private static void consume(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        int remaining = Opts.intValue(line, 'c', 128);
        String group = line.getOptionValue('g', "TOOLS_CONSUMER");
        TopicStatus status = session.admin().topicStatus(topic);
        for (QueueStatus q : status.queues()) {
            MessageQueue mq = q.queue();
            boolean wanted = (!line.hasOption('b') || mq.getBrokerName().equals(line.getOptionValue('b')))
                    && (!line.hasOption('i') || mq.getQueueId() == Opts.intValue(line, 'i', 0));
            if (!wanted || remaining <= 0) {
                continue;
            }
            long from = line.hasOption('o') ? Opts.longValue(line, 'o', 0) : start(line, session, mq, q, 's');
            long to = line.hasOption('e') ? session.admin().searchOffset(mq, Opts.timeValue(line, 'e', 0))
                    : q.maxOffset();
            for (MessageExt m : read(session, group, mq, from, Math.min(to, from + remaining))) {
                session.out().println(MessageView.line(m, true, StandardCharsets.UTF_8));
                remaining--;
            }
        }
        Unanswered.check(status.unanswered());
    }

    private static void printTopic(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        Charset charset = charset(line);
        Set<String> tags = tags(line.getOptionValue('s'));
        boolean body = Opts.boolValue(line, 'd', false);
        TopicStatus status = session.admin().topicStatus(topic);
        for (QueueStatus q : status.queues()) {
            long from = start(line, session, q.queue(), q, 'b');
            long to = line.hasOption('e') ? session.admin().searchOffset(q.queue(), Opts.timeValue(line, 'e', 0))
                    : q.maxOffset();
            session.out().printf("minOffset=%d, maxOffset=%d, %s%n", from, to, q.queue());
            for (MessageExt m : read(session, "TOOLS_CONSUMER", q.queue(), from, to)) {
                if (matches(tags, m)) {
                    session.out().println(MessageView.line(m, body, charset));
                }
            }
            session.out().println("--------------------------------------------------------");
        }
        Unanswered.check(status.unanswered());
    }

    private static void printQueue(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        MessageQueue mq = new MessageQueue(topic, line.getOptionValue('a'), Opts.intValue(line, 'i', 0));
        Charset charset = charset(line);
        Set<String> tags = tags(line.getOptionValue('s'));
        boolean print = Opts.boolValue(line, 'p', false);
        boolean body = Opts.boolValue(line, 'd', false);
        QueueStatus q = session.admin().topicStatus(topic).queues().stream().filter(s -> s.queue().equals(mq))
                .findFirst().orElseThrow(() -> new CommandFailedException("topic " + topic + " has no queue " + mq));
        long from = start(line, session, mq, q, 'b');
        long to = line.hasOption('e') ? session.admin().searchOffset(mq, Opts.timeValue(line, 'e', 0))
                : q.maxOffset();
        Map<String, Long> byTag = new TreeMap<>();
        long count = 0;
        for (MessageExt m : read(session, "TOOLS_CONSUMER", mq, from, to)) {
            if (matches(tags, m)) {
                count++;
                byTag.merge(m.getTags() == null ? "" : m.getTags(), 1L, Long::sum);
                if (print) {
                    session.out().println(MessageView.line(m, body, charset));
                }
            }
        }
        session.out().printf("%s: %d message(s) from offset %d to %d%n", mq, count, from, to);
        if (Opts.boolValue(line, 'f', false)) {
            byTag.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .forEach(e -> session.out().printf("Tag: %-30s Count: %s%n", e.getKey(), e.getValue()));
        }
    }

    /** Where to start in a queue: the first message stored at or after the {@code option} time, else its min. */
    private static long start(CommandLine line, AdminSession session, MessageQueue mq, QueueStatus q, char option)
            throws Exception {
        return line.hasOption(option) ? session.admin().searchOffset(mq, Opts.timeValue(line, option, 0))
                : q.minOffset();
    }

    /** The messages of {@code mq} in {@code [from, to)}, pulled in batches. */
    private static List<MessageExt> read(AdminSession session, String group, MessageQueue mq, long from, long to)
            throws Exception {
        List<MessageExt> messages = new ArrayList<>();
        long offset = from;
        while (offset < to) {
            List<MessageExt> batch = session.admin().pullMessages(group, mq, offset,
                    (int) Math.min(PULL_BATCH, to - offset));
            if (batch.isEmpty()) {
                break;
            }
            for (MessageExt m : batch) {
                if (m.getQueueOffset() < to) {
                    messages.add(m);
                }
            }
            offset = batch.get(batch.size() - 1).getQueueOffset() + 1;
        }
        return messages;
    }

    /** The tags of a {@code TagA || TagB} expression; empty for {@code *} or none. */
    private static Set<String> tags(String expression) {
        if (expression == null || expression.isBlank() || expression.trim().equals("*")) {
            return Set.of();
        }
        return Arrays.stream(expression.split("\\|\\|")).map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
    }

    private static boolean matches(Set<String> tags, MessageExt m) {
        return tags.isEmpty() || m.getTags() != null && tags.contains(m.getTags());
    }

    private static Charset charset(CommandLine line) throws CommandFailedException {
        String name = line.getOptionValue('c', "UTF-8");
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new CommandFailedException("-c: unknown charset " + name);
        }
    }
}
