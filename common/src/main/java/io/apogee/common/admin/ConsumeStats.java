package io.apogee.common.admin;

import io.apogee.common.message.MessageQueue;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET_CONSUME_STATS (208) response body: a group's progress per queue. */
public class ConsumeStats {

    private Map<MessageQueue, OffsetWrapper> offsetTable = new LinkedHashMap<>();
    private double consumeTps;

    /** The group's lag: the sum over its queues of the broker's offset minus the consumer's, as RocketMQ's. */
    public long computeTotalDiff() {
        long diff = 0;
        for (OffsetWrapper offsets : offsetTable.values()) {
            diff += offsets.getBrokerOffset() - offsets.getConsumerOffset();
        }
        return diff;
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
