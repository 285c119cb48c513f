package io.apogee.client.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import io.apogee.common.route.TopicRouteData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerAddressesTest {

    private static final BrokerData A = new BrokerData("c1", "broker-a", Map.of(0L, "a:1", 1L, "a-slave:1"));
    private static final BrokerData B = new BrokerData("c1", "broker-b", Map.of(1L, "b-slave:1"));
    private static final BrokerData Z = new BrokerData("c2", "broker-z", Map.of(0L, "z:1"));
    private static final ClusterInfo INFO = new ClusterInfo(Map.of("broker-a", A, "broker-b", B, "broker-z", Z),
            Map.of("c1", Set.of("broker-b", "broker-a", "broker-gone"), "c2", Set.of("broker-z")));

    @Test
    void mastersOfAClusterInBrokerNameOrderSkippingThoseWithout() {
        assertEquals(List.of("a:1"), BrokerAddresses.mastersOfCluster(INFO, "c1"));
        assertEquals(List.of(), BrokerAddresses.mastersOfCluster(INFO, "no-such-cluster"));
    }

    @Test
    void mastersOfARouteAndTheClustersServingIt() {
        TopicRouteData route = new TopicRouteData(null, List.of(), List.of(Z, A, B), Map.of());
        assertEquals(List.of("z:1", "a:1"), BrokerAddresses.masters(route));
        assertEquals("a:1", BrokerAddresses.master(route, "broker-a"));
        assertNull(BrokerAddresses.master(route, "broker-b"));
        assertEquals(List.of("c1", "c2"), List.copyOf(BrokerAddresses.clustersServing(route, INFO)));
    }
}
