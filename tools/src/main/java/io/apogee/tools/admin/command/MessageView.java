package io.apogee.tools.admin.command;

import io.apogee.common.message.MessageExt;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** How the message sub-commands print a stored message: in full, or as one line. */
final class MessageView {

    private MessageView() {
    }

    /** Every field of {@code m}, one per line, as RocketMQ's queryMsgById prints them, and its body as UTF-8. */
    static void print(MessageExt m, PrintStream out) {
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

    /**
     * {@code MSGID: <id> <fields>}, and {@code BODY: <body>} in {@code charset} when {@code withBody}, as RocketMQ's
     * printMsg and consumeMessage print a message.
     */
    static String line(MessageExt m, boolean withBody, Charset charset) {
        String text = String.format("MSGID: %s Message [topic=%s, queueId=%d, queueOffset=%d, tags=%s, keys=%s, "
                        + "bornTimestamp=%s, storeTimestamp=%s, bornHost=%s, storeHost=%s, properties=%s]",
                m.getMsgId(), m.getTopic(), m.getQueueId(), m.getQueueOffset(), m.getTags(), m.getKeys(),
                Times.format(m.getBornTimestamp()), Times.format(m.getStoreTimestamp()), hostPort(m.getBornHost()),
                hostPort(m.getStoreHost()), m.getProperties());
        return withBody ? text + " BODY: " + new String(m.getBody(), charset) : text;
    }

    /** {@code ip:port}, as RocketMQ prints a message's hosts. */
    static String hostPort(InetSocketAddress address) {
        if (address == null) {
            return "";
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }
}
