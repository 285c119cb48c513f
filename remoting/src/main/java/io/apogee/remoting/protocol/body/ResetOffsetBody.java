package io.apogee.remoting.protocol.body;

import io.apogee.common.message.MessageQueue;
import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashMap;
import java.util.Map;

/** INVOKE_BROKER_TO_RESET_OFFSET (222) response and RESET_CONSUMER_CLIENT_OFFSET (220) request body: the new offset per queue. */
public class ResetOffsetBody {

    private Map<MessageQueue, Long> offsetTable = new LinkedHashMap<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static ResetOffsetBody decode(byte[] body) {
        return JSON.parseObject(body, ResetOffsetBody.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Map<MessageQueue, Long> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, Long> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
