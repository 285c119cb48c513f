package io.apogee.client.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterOverviewTest {

    private static final Map<String, String> STATS = Map.of("brokerVersionDesc", "V4_9_8", "putTps", "5.00 5.00 5.00");

    private static final ClusterInfo INFO = new ClusterInfo(Map.of(
            "broker-b", new BrokerData("c1", "broker-b", Map.of(0L, "b0:10911")),
            "broker-a", new BrokerData("c1", "broker-a", Map.of(1L, "a1:10911", 0L, "a0:10911")),
            "broker-z", new BrokerData("c0", "broker-z", Map.of(0L, "z0:10911"))),
            Map.of("c1", Set.of("broker-b", "broker-a", "broker-gone"), "c0", Set.of("broker-z")));

    @Test
    void everyBrokerIsListedInClusterNameAndIdOrder() throws Exception {
        ClusterOverview overview = ClusterOverview.collect(INFO, addr -> STATS, 0);
        assertEquals(List.of("z0:10911", "a0:10911", "a1:10911", "b0:10911"),
                overview.brokers().stream().map(BrokerOverview::addr).toList());
        BrokerOverview slave = overview.brokers().get(2);
        assertEquals("c1", slave.clusterName());
        assertEquals("broker-a", slave.brokerName());
        assertFalse(slave.master());
        assertEquals(5.0, slave.figures().inTps());
        assertTrue(overview.unanswered().isEmpty());
    }

    @Test
    void aBrokerThatDoesNotAnswerIsListedWithItsError() throws Exception {
        BrokerCall<Map<String, String>> stats = addr -> switch (addr) {
            case "a1:10911" -> throw new MQClientException("request 28 to broker a1:10911 failed: connect to "
                    + "a1:10911 failed", null);
            case "b0:10911" -> throw new MQBrokerException(1, "busy", addr);
            case "z0:10911" -> Map.of("putTps", "n/a");
            default -> STATS;
        };
        ClusterOverview overview = ClusterOverview.collect(INFO, stats, 0);
        assertEquals(4, overview.brokers().size());
        assertEquals(List.of("z0:10911", "a1:10911", "b0:10911"),
                overview.unanswered().stream().map(BrokerOverview::addr).toList());
        BrokerOverview down = overview.brokers().get(2);
        assertNull(down.figures());
        assertTrue(down.error().contains("connect to a1:10911 failed"), down.error());
        assertTrue(overview.brokers().get(3).error().contains("busy"));
        assertTrue(overview.brokers().get(0).error().contains("putTps"));
        assertTrue(overview.brokers().get(1).answered());
    }
}
