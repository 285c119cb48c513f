package io.apogee.remoting.protocol.body;

import io.apogee.common.message.MessageQueue;
import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET_CONSUMER_STATUS_FROM_CLIENT (221) reply and INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223) response body. */
public class GetConsumerStatusBody {

    private Map<MessageQueue, Long> messageQueueTable = new LinkedHashMap<>();
    /** client id to its offsets */
    private Map<String, Map<MessageQueue, Long>> consumerTable = new LinkedHashMap<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static GetConsumerStatusBody decode(byte[] body) {
        return JSON.parseObject(body, GetConsumerStatusBody.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Map<MessageQueue, Long> getMessageQueueTable() {
        return messageQueueTable;
    }

    public void setMessageQueueTable(Map<MessageQueue, Long> messageQueueTable) {
        this.messageQueueTable = messageQueueTable;
    }

    public Map<String, Map<MessageQueue, Long>> getConsumerTable() {
        return consumerTable;
    }

    public void setConsumerTable(Map<String, Map<MessageQueue, Long>> consumerTable) {
        this.consumerTable = consumerTable;
    }
}
