package io.apogee.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/** RocketMQ's {@code ConsumeStats.computeTotalDiff}: the lag summed over the group's queues. */
class ConsumeStatsTest {

    @Test
    void theTotalDiffSumsEachQueuesLag() {
        ConsumeStats stats = new ConsumeStats();
        assertEquals(0, stats.computeTotalDiff());
        stats.getOffsetTable().put(new MessageQueue("T", "b", 0), offsets(100, 40));
        stats.getOffsetTable().put(new MessageQueue("T", "b", 1), offsets(7, 7));
        stats.getOffsetTable().put(new MessageQueue("T", "b", 2), offsets(12, 2));
        assertEquals(70, stats.computeTotalDiff());
    }

    private static OffsetWrapper offsets(long broker, long consumer) {
        OffsetWrapper w = new OffsetWrapper();
        w.setBrokerOffset(broker);
        w.setConsumerOffset(consumer);
        return w;
    }
}
