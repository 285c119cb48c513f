package io.apogee.common.admin;

import io.apogee.common.message.MessageQueue;

import java.util.LinkedHashMap;
import java.util.Map;

/** GET_TOPIC_STATS_INFO (202) response body: offsets of every write queue of a topic on one broker. */
public class TopicStatsTable {

    private Map<MessageQueue, TopicOffset> offsetTable = new LinkedHashMap<>();



    public Map<MessageQueue, TopicOffset> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, TopicOffset> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
