package io.apogee.broker.message;

import io.apogee.common.message.MessageExt;
import java.util.LinkedHashMap;

/**
 * A stored message re-put somewhere else by the broker itself (a due delayed message, a retry, a committed or
 * re-checked half message): same body, flag, sys flag, hosts, born time and reconsume times, a new topic and queue.
 */
public final class MessageCopy {

    private MessageCopy() {
    }

    /**
     * Copies {@code from} to {@code topic} / {@code queueId}. The copy's properties are {@code from}'s as they are
     * now, in their order (a later change to either message is not seen by the other), and are stored as the copy
     * has them when it is put. The broker's own re-put never waits for a flush, whatever {@code WAIT} says.
     */
    public static MessageExt of(MessageExt from, String topic, int queueId) {
        MessageExt m = new MessageExt();
        m.setTopic(topic);
        m.setQueueId(queueId);
        m.setBody(from.getBody());
        m.setFlag(from.getFlag());
        m.setProperties(new LinkedHashMap<>(from.getProperties()));
        m.setAppendWaitsForFlush(false);
        m.setSysFlag(from.getSysFlag());
        m.setBornTimestamp(from.getBornTimestamp());
        m.setBornHost(from.getBornHost());
        m.setStoreHost(from.getStoreHost());
        m.setReconsumeTimes(from.getReconsumeTimes());
        return m;
    }
}
