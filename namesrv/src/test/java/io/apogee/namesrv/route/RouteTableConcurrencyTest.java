package io.apogee.namesrv.route;

import static io.apogee.namesrv.route.RouteTableTest.registration;
import static io.apogee.namesrv.route.RouteTableTest.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.route.BrokerData;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Readers racing writers only ever see whole registrations. */
class RouteTableConcurrencyTest {

    private static final int ROUNDS = 2_000;

    @Test
    void routesAreAlwaysConsistentWhileBrokersComeAndGo() throws Exception {
        RouteTable table = new RouteTable();
        EmbeddedChannel channel = new EmbeddedChannel();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    table.register(registration("C", "b1", 0, "a:10911", i, topic("T", 4), topic("U", 4)), channel,
                            i);
                    table.register(registration("C", "b1", 1, "s:10911", i), channel, i);
                    table.unregister("b1", 0, "a:10911");
                    table.unregister("b1", 1, "s:10911");
                }
            }, threads);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                while (!writer.isDone()) {
                    table.route("T").ifPresent(RouteTableConcurrencyTest::assertConsistent);
                }
            }, threads);
            CompletableFuture.allOf(writer, reader).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertTrue(table.route("T").isEmpty());
        assertEquals(Set.of(), table.clusterInfo().brokerAddrTable().keySet());
    }

    /** Every broker name with queues has brokers, and every listed broker name has queues. */
    private static void assertConsistent(TopicRouteData route) {
        Set<String> queueBrokers = route.queueDatas().stream().map(QueueData::brokerName).collect(Collectors.toSet());
        Set<String> brokers = route.brokerDatas().stream().map(BrokerData::brokerName).collect(Collectors.toSet());
        assertEquals(queueBrokers, brokers);
        assertTrue(route.brokerDatas().stream().noneMatch(b -> b.brokerAddrs().isEmpty()), route.toString());
        assertEquals(List.of(4), route.queueDatas().stream().map(QueueData::writeQueueNums).distinct().toList());
    }
}
