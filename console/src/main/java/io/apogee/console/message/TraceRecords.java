package io.apogee.console.message;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.producer.TraceEncoder;
import io.apogee.common.message.MessageExt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads RocketMQ's message-trace format: a trace message's body holds records ended by char 2, each of fields
 * separated by char 1, the first field the record type. Layouts (RocketMQ 4.9 clients):
 * <ul>
 * <li>{@code Pub}: type, time, region, group, topic, msgId, tags, keys, storeHost, bodyLength, costTime, msgType,
 * then either success; or offsetMsgId, success; or offsetMsgId, success, clientHost;</li>
 * <li>{@code SubBefore}: type, time, region, group, requestId, msgId, retryTimes, keys;</li>
 * <li>{@code SubAfter}: type, requestId, msgId, costTime, success, keys, then contextCode, then time, group;</li>
 * <li>{@code EndTransaction}: type, time, region, group, topic, msgId, tags, keys, storeHost, msgType,
 * transactionId, transactionState, fromTransactionCheck.</li>
 * </ul>
 * A record without a client host takes the trace message's born host: the client that sent the trace.
 */
public final class TraceRecords {

    static final char RECORD_END = TraceEncoder.RECORD_END;
    static final char FIELD_SEPARATOR = TraceEncoder.FIELD_SEPARATOR;

    private TraceRecords() {
    }

    /** The records of {@code trace} (a message of a trace topic) about {@code msgId}. */
    public static List<JSONObject> about(MessageExt trace, String msgId) {
        List<JSONObject> records = new ArrayList<>();
        String body = new String(trace.getBody() == null ? new byte[0] : trace.getBody(), StandardCharsets.UTF_8);
        for (String record : body.split(String.valueOf(RECORD_END))) {
            JSONObject decoded = decode(record.split(String.valueOf(FIELD_SEPARATOR), -1));
            if (decoded != null && msgId.equals(decoded.getString("msgId"))) {
                decoded.putIfAbsent("clientHost", MessageJson.host(trace.getBornHost()));
                records.add(decoded);
            }
        }
        return records;
    }

    /**
     * The events {@code records} tell, by time: each {@code Pub} and {@code EndTransaction} as it is, and each
     * consumption as one {@code Sub} event: its {@code SubBefore} (time, group, client, retry times) joined with
     * the {@code SubAfter} of the same request id (cost, success, context code); {@code finished} false when the
     * after record is missing (still consuming, or the consumer stopped).
     */
    public static List<JSONObject> events(List<JSONObject> records) {
        Map<String, JSONObject> afters = new HashMap<>();
        records.stream().filter(r -> r.getString("type").equals("SubAfter"))
                .forEach(r -> afters.putIfAbsent(r.getString("requestId"), r));
        List<JSONObject> events = new ArrayList<>();
        for (JSONObject r : records) {
            String type = r.getString("type");
            if (type.equals("SubBefore")) {
                JSONObject after = afters.remove(r.getString("requestId"));
                JSONObject sub = new JSONObject(r);
                sub.put("type", "Sub");
                sub.put("finished", after != null);
                if (after != null) {
                    sub.put("costTime", after.get("costTime"));
                    sub.put("success", after.get("success"));
                    sub.put("contextCode", after.get("contextCode"));
                }
                events.add(sub);
            } else if (!type.equals("SubAfter")) {
                events.add(r);
            }
        }
        afters.values().forEach(after -> {
            JSONObject sub = new JSONObject(after);
            sub.put("type", "Sub");
            sub.put("finished", true);
            events.add(sub);
        });
        events.sort(Comparator.comparingLong(e -> e.getLongValue("timestamp")));
        return events;
    }

    /** One record's fields, or {@code null} when it is of no known type or too short. */
    static JSONObject decode(String[] f) {
        String type = f[0].strip();
        return switch (type) {
            case "Pub" -> f.length < 13 ? null : pub(f);
            case "SubBefore" -> f.length < 8 ? null : JSONObject.of("type", type, "timestamp", number(f[1]),
                    "regionId", f[2], "group", f[3], "requestId", f[4], "msgId", f[5], "retryTimes", number(f[6]),
                    "keys", f[7]);
            case "SubAfter" -> f.length < 6 ? null : subAfter(f);
            case "EndTransaction" -> f.length < 13 ? null : JSONObject.of("type", type, "timestamp", number(f[1]),
                    "regionId", f[2], "group", f[3], "topic", f[4], "msgId", f[5], "tags", f[6], "keys", f[7],
                    "storeHost", f[8], "msgType", number(f[9]), "transactionId", f[10], "transactionState", f[11],
                    "fromTransactionCheck", Boolean.parseBoolean(f[12]));
            default -> null;
        };
    }

    private static JSONObject pub(String[] f) {
        JSONObject r = JSONObject.of("type", "Pub", "timestamp", number(f[1]), "regionId", f[2], "group", f[3],
                "topic", f[4], "msgId", f[5], "tags", f[6], "keys", f[7], "storeHost", f[8]);
        r.put("bodyLength", number(f[9]));
        r.put("costTime", number(f[10]));
        r.put("msgType", number(f[11]));
        if (f.length == 13) {
            r.put("success", Boolean.parseBoolean(f[12]));
        } else {
            r.put("offsetMsgId", f[12]);
            r.put("success", Boolean.parseBoolean(f[13]));
            if (f.length >= 15 && !f[14].isEmpty()) {
                r.put("clientHost", f[14]);
            }
        }
        return r;
    }

    private static JSONObject subAfter(String[] f) {
        JSONObject r = JSONObject.of("type", "SubAfter", "requestId", f[1], "msgId", f[2], "costTime", number(f[3]),
                "success", Boolean.parseBoolean(f[4]), "keys", f[5]);
        if (f.length >= 7) {
            r.put("contextCode", number(f[6]));
        }
        if (f.length >= 9) {
            r.put("timestamp", number(f[7]));
            r.put("group", f[8]);
        }
        return r;
    }

    /** A number field, or {@code null} when it is not one (a client wrote something else). */
    private static Long number(String field) {
        try {
            return Long.parseLong(field.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
