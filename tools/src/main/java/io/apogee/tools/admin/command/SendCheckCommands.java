package io.apogee.tools.admin.command;

import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * Sub-commands that time sends: checkMsgSendRT (to each queue of a topic in turn) and sendMsgStatus (to a broker's
 * own topic, the one named after the broker; {@link ClusterRtCommand} does it for every broker of a cluster).
 */
public final class SendCheckCommands {

    private SendCheckCommands() {
    }

    public static List<SubCommand> all() {
        return List.of(
                new Command("checkMsgSendRT", "check message send response time", Opts.of(
                        Opts.arg("t", "topic", true, "topic name"),
                        Opts.arg("a", "amount", false, "message amount | default 100"),
                        Opts.arg("s", "size", false, "message size | default 128 Byte")),
                        SendCheckCommands::checkSendRt),
                new Command("sendMsgStatus", "send msg to broker.", Opts.of(
                        Opts.arg("b", "brokerName", true, "Broker Name"),
                        Opts.arg("s", "messageSize", false, "Message Size, Default: 128"),
                        Opts.arg("c", "count", false, "send message count, Default: 50")),
                        SendCheckCommands::sendStatus));
    }

    /** A body of {@code size} bytes. */
    static byte[] body(int size) throws CommandFailedException {
        if (size <= 0) {
            throw new CommandFailedException("a message size must be at least 1 byte, not " + size);
        }
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        return body;
    }

    /** Sends to each queue in turn and prints each send's time; the average leaves out the first (connecting). */
    private static void checkSendRt(CommandLine line, AdminSession session) throws Exception {
        String topic = line.getOptionValue('t');
        Routes.of(session, topic);
        int amount = Opts.intValue(line, 'a', 100);
        byte[] body = body(Opts.intValue(line, 's', 128));
        DefaultMQProducer producer = session.producer();
        List<MessageQueue> queues = producer.fetchPublishMessageQueues(topic);
        if (queues.isEmpty()) {
            throw new CommandFailedException("topic " + topic + " has no writable queue");
        }
        Table table = new Table("#Broker Name", "#QID", "#Send Result", "#RT");
        long total = 0;
        for (int i = 0; i < amount; i++) {
            MessageQueue mq = queues.get(i % queues.size());
            long start = System.nanoTime();
            boolean ok;
            try {
                ok = producer.send(new Message(topic, body), mq).getSendStatus() == SendStatus.SEND_OK;
            } catch (Exception e) {
                ok = false;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            total += i == 0 ? 0 : millis;
            table.row(mq.getBrokerName(), mq.getQueueId(), ok, millis);
        }
        table.print(session.out());
        session.out().printf("Avg RT: %.2f%n", amount > 1 ? (double) total / (amount - 1) : 0.0);
    }

    private static void sendStatus(CommandLine line, AdminSession session) throws Exception {
        String brokerName = line.getOptionValue('b');
        Routes.of(session, brokerName);
        byte[] body = body(Opts.intValue(line, 's', 128));
        int count = Opts.intValue(line, 'c', 50);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            SendResult result = session.producer().send(new Message(brokerName, body));
            session.out().printf("rt=%dms, SendResult=%s%n", (System.nanoTime() - start) / 1_000_000, result);
        }
    }
}
