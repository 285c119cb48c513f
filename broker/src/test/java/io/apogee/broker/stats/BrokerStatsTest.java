package io.apogee.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrokerStatsTest {

    @Test
    void countsPutsAndGetsPerTopicAndGroup() {
        BrokerStats stats = new BrokerStats();
        stats.doWork();
        stats.recordPut("T", 3, 300);
        stats.recordPut("U", 1, 10);
        stats.recordGet("T", "g", 2, 200);
        stats.recordPutFailure();
        stats.doWork();

        assertEquals(4, stats.putTotal());
        assertEquals(310, stats.putSizeTotal());
        assertEquals(2, stats.getTotal());
        assertEquals(1, stats.putFailures());
        assertEquals(3, stats.topicPutLastDay("T"));
        assertEquals(2, stats.groupGetLastDay("T", "g"));
        BrokerStats.Snapshot snapshot = stats.snapshot(BrokerStats.TOPIC_PUT_NUMS, "T");
        assertEquals(3, snapshot.total());
        assertTrue(snapshot.minuteTps() >= 0);
        assertNull(stats.snapshot(BrokerStats.GROUP_GET_NUMS, "T@nobody"));
    }
}
