package io.apogee.broker.message;

import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.message.StoredMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored message re-put somewhere else by the broker itself (a due delayed message, a retry, a committed or
 * re-checked half message): same body, flag, sys flag, hosts, born time and reconsume times, a new topic and queue.
 */
public final class MessageCopy {

    private MessageCopy() {
    }

    /**
     * Copies {@code from} to {@code topic} / {@code queueId}. The stored properties string is fixed to
     * {@code from}'s properties as they are now; the live map additionally says WAIT=false, so the broker's own
     * re-put never waits for a flush. Callers change the copy's properties before this call or reset the string.
     */
    public static StoredMessage of(StoredMessage from, String topic, int queueId) {
        StoredMessage m = new StoredMessage();
        m.setTopic(topic);
        m.setQueueId(queueId);
        m.setBody(from.getBody());
        m.setFlag(from.getFlag());
        Map<String, String> props = new LinkedHashMap<>(from.getProperties());
        m.setPropertiesString(PropertiesCodec.encode(props));
        props.put(MessageProperty.WAIT_STORE_MSG_OK, "false");
        m.setProperties(props);
        m.setSysFlag(from.getSysFlag());
        m.setBornTimestamp(from.getBornTimestamp());
        m.setBornHost(from.getBornHost());
        m.setStoreHost(from.getStoreHost());
        m.setReconsumeTimes(from.getReconsumeTimes());
        return m;
    }
}
