package io.apogee.console.message;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.JSONWriter;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/** Dead letters as a download: JSON (every field, properties and body text) or CSV (one row each). */
public final class DeadLetterExport {

    private static final List<String> CSV_COLUMNS = List.of("msgId", "offsetMsgId", "topic", "originTopic", "tags",
            "keys", "queueId", "queueOffset", "storeTime", "bornHost", "reconsumeTimes", "body");

    private DeadLetterExport() {
    }

    public static String json(List<MessageExt> messages) {
        return JSON.toJSONString(messages.stream().map(DeadLetterExport::row).toList(),
                JSONWriter.Feature.PrettyFormatWith2Space);
    }

    public static String csv(List<MessageExt> messages) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (MessageExt m : messages) {
            JSONObject row = row(m);
            for (int i = 0; i < CSV_COLUMNS.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(row.get(CSV_COLUMNS.get(i))));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static JSONObject row(MessageExt m) {
        JSONObject row = new JSONObject();
        row.put("msgId", m.getMsgId());
        row.put("offsetMsgId", m.getOffsetMsgId());
        row.put("topic", m.getTopic());
        row.put("originTopic", m.getProperty(MessageProperty.RETRY_TOPIC));
        row.put("tags", m.getTags());
        row.put("keys", m.getKeys());
        row.put("queueId", m.getQueueId());
        row.put("queueOffset", m.getQueueOffset());
        row.put("storeTime", Instant.ofEpochMilli(m.getStoreTimestamp()).toString());
        row.put("bornHost", MessageJson.host(m.getBornHost()));
        row.put("reconsumeTimes", m.getReconsumeTimes());
        row.put("properties", new TreeMap<>(m.getProperties()));
        row.put("body", MessageJson.bodyText(m.getBody()));
        return row;
    }

    /**
     * One CSV cell (RFC 4180 quoting); text a spreadsheet would run as a formula ({@code = + - @} first) is
     * prefixed with {@code '}.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
