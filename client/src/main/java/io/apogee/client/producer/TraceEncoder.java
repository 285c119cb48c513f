package io.apogee.client.producer;

import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes trace records in RocketMQ 4.9.8's layout, which its console and {@code TraceDataEncoder} read:
 * <ul>
 * <li>{@code Pub}: type, time, region, group, topic, msgId, tags, keys, storeHost, bodyLength, costTime, msgType,
 * offsetMsgId, success;</li>
 * <li>{@code SubBefore}: type, time, region, group, requestId, msgId, retryTimes, keys;</li>
 * <li>{@code SubAfter}: type, requestId, msgId, costTime, success, keys, contextCode, time, group;</li>
 * <li>{@code EndTransaction}: type, time, region, group, topic, msgId, tags, keys, storeHost, msgType,
 * transactionId, transactionState, fromTransactionCheck.</li>
 * </ul>
 * An absent tag or key is written {@code null}, as RocketMQ's client writes it. A batch send is one {@code Pub}
 * record of the whole batch, as RocketMQ writes it: no tags or keys, and for msgId the batch's ids joined by commas;
 * each of those ids also indexes the record, so that a query by one message's id finds it.
 */
public final class TraceEncoder {

    /** Separates the fields of a record (RocketMQ's {@code TraceConstants.CONTENT_SPLITOR}). */
    public static final char FIELD_SEPARATOR = (char) 1;
    /** Ends each record (RocketMQ's {@code TraceConstants.FIELD_SPLITOR}). */
    public static final char RECORD_END = (char) 2;

    /** RocketMQ's {@code MessageType} ordinals. */
    static final int NORMAL_MSG = 0;
    static final int TRANS_MSG_HALF = 1;
    static final int TRANS_MSG_COMMIT = 2;
    static final int DELAY_MSG = 3;
    /** The region RocketMQ's end-transaction trace names when the message carries none. */
    static final String DEFAULT_REGION = "DefaultRegion";

    private TraceEncoder() {
    }

    /**
     * The {@code Pub} record of a send answered by {@code result}.
     *
     * @param msg        the message as sent (topic and properties)
     * @param bodyLength bytes of the body on the wire
     * @param storeHost  the broker address it was sent to
     * @param start      when the send began, epoch ms
     */
    public static TraceRecord pub(String group, Message msg, int bodyLength, String storeHost, long start,
            SendResult result) {
        String data = record("Pub", start, result.getRegionId(), group, msg.getTopic(), result.getMsgId(),
                msg.getTags(), msg.getKeys(), storeHost, bodyLength, System.currentTimeMillis() - start,
                msgType(msg), result.getOffsetMsgId(), result.getSendStatus() == SendStatus.SEND_OK);
        Set<String> keys = keys(result.getMsgId(), msg.getKeys());
        if (result.getMsgId() != null && result.getMsgId().indexOf(',') >= 0) {
            keys.addAll(List.of(result.getMsgId().split(",")));
        }
        return new TraceRecord(data, keys);
    }

    /**
     * The {@code EndTransaction} record of a commit, rollback or unknown answer for a half message: RocketMQ writes
     * message type {@code Trans_msg_Commit} whatever the state.
     *
     * @param msg       the half message (its topic, tags, keys and region)
     * @param msgId     its unique id
     * @param storeHost the broker the answer goes to
     * @param fromCheck whether the answer is to the broker's check-back
     */
    public static TraceRecord endTransaction(String group, Message msg, String msgId, String storeHost,
            String transactionId, LocalTransactionState state, boolean fromCheck) {
        String region = msg.getProperty(MessageProperty.MSG_REGION);
        String data = record("EndTransaction", System.currentTimeMillis(),
                region == null || region.isEmpty() ? DEFAULT_REGION : region, group, msg.getTopic(), msgId,
                msg.getTags(), msg.getKeys(), storeHost, TRANS_MSG_COMMIT, transactionId, state.name(), fromCheck);
        return new TraceRecord(data, keys(msgId, msg.getKeys()));
    }

    /** The {@code SubBefore} records of a consumption of {@code msgs} by {@code group} that begins at {@code time}. */
    public static List<TraceRecord> subBefore(String group, long time, String requestId, List<MessageExt> msgs) {
        return msgs.stream().map(m -> new TraceRecord(record("SubBefore", time,
                m.getProperty(MessageProperty.MSG_REGION), group, requestId, m.getMsgId(), m.getReconsumeTimes(),
                m.getKeys()), keys(m.getMsgId(), m.getKeys()))).toList();
    }

    /**
     * The {@code SubAfter} records of that consumption, ended at {@code end}: each message's cost is the batch's
     * time over its size, as in RocketMQ.
     *
     * @param contextCode RocketMQ's {@code ConsumeReturnType} ordinal (0 success, 2 exception, 3 null, 4 failed)
     */
    public static List<TraceRecord> subAfter(String group, long begin, long end, String requestId,
            List<MessageExt> msgs, boolean success, int contextCode) {
        long cost = (end - begin) / Math.max(1, msgs.size());
        return msgs.stream().map(m -> new TraceRecord(record("SubAfter", requestId, m.getMsgId(), cost, success,
                m.getKeys(), contextCode, end, group), keys(m.getMsgId(), m.getKeys()))).toList();
    }

    private static int msgType(Message msg) {
        if (Boolean.parseBoolean(msg.getProperty(MessageProperty.TRANSACTION_PREPARED))) {
            return TRANS_MSG_HALF;
        }
        return msg.getProperty(MessageProperty.DELAY_TIME_LEVEL) != null ? DELAY_MSG : NORMAL_MSG;
    }

    private static String record(Object... fields) {
        StringBuilder b = new StringBuilder(128);
        for (int i = 0; i < fields.length; i++) {
            b.append(fields[i]).append(i == fields.length - 1 ? RECORD_END : FIELD_SEPARATOR);
        }
        return b.toString();
    }

    private static Set<String> keys(String msgId, String keys) {
        Set<String> all = new LinkedHashSet<>();
        all.add(msgId);
        if (keys != null && !keys.isEmpty()) {
            all.addAll(List.of(keys.split(MessageProperty.KEY_SEPARATOR)));
        }
        return all;
    }
}
