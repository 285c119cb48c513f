package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET_CONSUME_STATS (208) response body: a group's progress per queue. */
public class ConsumeStats {

    private Map<MessageQueue, OffsetWrapper> offsetTable = new LinkedHashMap<>();
    private double consumeTps;

    /** Parses a body written by Apache RocketMQ or by us. */
    public static ConsumeStats decode(byte[] body) {
        return JSON.parseObject(body, ConsumeStats.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Map<MessageQueue, OffsetWrapper> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, OffsetWrapper> offsetTable) {
        this.offsetTable = offsetTable;
    }

    public double getConsumeTps() {
        return consumeTps;
    }

    public void setConsumeTps(double consumeTps) {
        this.consumeTps = consumeTps;
    }
}
