package io.apogee.remoting.protocol.body;

import com.alibaba.fastjson2.JSON;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET_TOPIC_STATS_INFO (202) response body: offsets of every write queue of a topic on one broker. */
public class TopicStatsTable {

    private Map<MessageQueue, TopicOffset> offsetTable = new LinkedHashMap<>();

    /** Parses a body written by Apache RocketMQ or by us. */
    public static TopicStatsTable decode(byte[] body) {
        return JSON.parseObject(body, TopicStatsTable.class);
    }

    /** This object as a JSON body, the way fastjson 1.x writes it (object map keys included). */
    public byte[] encode() {
        return JSON.toJSONBytes(this);
    }

    public Map<MessageQueue, TopicOffset> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, TopicOffset> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
