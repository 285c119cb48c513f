package io.apogee.console.message;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.JSONWriter;
import io.apogee.client.admin.BrokerOverview;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.console.view.ClusterView;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * Messages as the pages show them: a summary row (ids, topic, broker, queue, offset, tag, keys, times, hosts, size,
 * the original topic of a retried or dead message)
 * and the detail (all properties; the body as UTF-8 text, as pretty JSON when it parses, and as hex). The broker name
 * is the one whose address is the message's store host in the cluster snapshot.
 */
public final class MessageJson {

    /** Body bytes shown as hex at most. */
    public static final int MAX_HEX_BYTES = 64 * 1024;

    private MessageJson() {
    }

    /** {@code ip:port}, or {@code null}. */
    public static String host(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        String ip = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return ip + ":" + address.getPort();
    }

    /** The name of the broker whose address is {@code storeHost} in {@code snapshot}, or {@code null}. */
    public static String brokerName(ClusterView.Snapshot snapshot, InetSocketAddress storeHost) {
        String addr = host(storeHost);
        for (BrokerOverview b : snapshot.cluster().brokers()) {
            if (b.addr().equals(addr)) {
                return b.brokerName();
            }
        }
        return null;
    }

    public static JSONObject summary(MessageExt m, ClusterView.Snapshot snapshot) {
        JSONObject row = new JSONObject();
        row.put("msgId", m.getMsgId());
        row.put("offsetMsgId", m.getOffsetMsgId());
        row.put("topic", m.getTopic());
        row.put("brokerName", brokerName(snapshot, m.getStoreHost()));
        row.put("queueId", m.getQueueId());
        row.put("queueOffset", m.getQueueOffset());
        row.put("tags", m.getTags());
        row.put("keys", m.getKeys());
        row.put("storeTimestamp", m.getStoreTimestamp());
        row.put("bornTimestamp", m.getBornTimestamp());
        row.put("bornHost", host(m.getBornHost()));
        row.put("storeHost", host(m.getStoreHost()));
        row.put("bodySize", m.getBody() == null ? 0 : m.getBody().length);
        row.put("reconsumeTimes", m.getReconsumeTimes());
        row.put("originTopic", m.getProperty(MessageProperty.RETRY_TOPIC));
        return row;
    }

    public static JSONObject detail(MessageExt m, ClusterView.Snapshot snapshot) {
        JSONObject detail = summary(m, snapshot);
        byte[] body = m.getBody() == null ? new byte[0] : m.getBody();
        String text = bodyText(body);
        detail.put("properties", new TreeMap<>(m.getProperties()));
        detail.put("bodyText", text);
        detail.put("bodyJson", prettyJson(text));
        detail.put("bodyHex", HexFormat.ofDelimiter(" ").formatHex(body, 0, Math.min(body.length, MAX_HEX_BYTES)));
        detail.put("bodyHexTruncated", body.length > MAX_HEX_BYTES);
        return detail;
    }

    /** The body decoded as UTF-8 (malformed bytes as U+FFFD). */
    public static String bodyText(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** {@code text} re-indented when it is a JSON object or array, else {@code null}. */
    static String prettyJson(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return null;
        }
        try {
            return JSON.toJSONString(JSON.parse(trimmed), JSONWriter.Feature.PrettyFormatWith2Space);
        } catch (RuntimeException e) {
            return null; // not JSON after all (fastjson2 also throws index exceptions on truncated text)
        }
    }
}
