package io.apogee.namesrv;

import static io.apogee.namesrv.NamesrvFixture.registerRequest;
import static io.apogee.namesrv.NamesrvFixture.topic;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.route.QueueData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brokers leave the registry when they fall silent or their connection closes. */
class LivenessTest {

    @TempDir
    Path home;

    /**
     * The live broker re-registers every 100 ms while the expiry is 3 s: it would have to miss some 30
     * re-registrations in a row (a stall of the whole test JVM for 3 s) to expire too. With an expiry of 400 ms a
     * loaded machine made it do so. Each broker has its own connection, as broker processes do, apart from the one
     * the test reads routes on: the NameServer closes an expired broker's channel, which would fail a route read in
     * flight on it.
     */
    @Test
    void aSilentBrokerExpiresAndTakesItsOnlyTopicWithIt() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home, Map.of("scanNotActiveBrokerInterval", 100,
                "brokerChannelExpiredTime", 3_000));
                BrokerClient silent = new BrokerClient();
                BrokerClient alive = new BrokerClient()) {
            ns.call(silent.client, registerRequest("C", "silent", 0, "s:10911", 1, false, topic("Shared", 4),
                    topic("Own", 1)));
            ns.call(alive.client, registerRequest("C", "alive", 0, "a:10911", 1, false, topic("Shared", 4)));

            // The live broker keeps registering; the silent one stops after its first registration.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                ns.call(alive.client, registerRequest("C", "alive", 0, "a:10911", 1, false, topic("Shared", 4)));
                return ns.route("Own") == null;
            });
            assertEquals(List.of("alive"), ns.route("Shared").queueDatas().stream().map(QueueData::brokerName)
                    .toList());
            assertTrue(ns.controller.routeTable().liveInfo("s:10911").isEmpty());
        }
    }

    @Test
    void aClosedChannelEvictsItsBrokerAtOnce() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home)) {
            BrokerClient broker = new BrokerClient();
            try {
                assertEquals(ResponseCode.SUCCESS, ns.call(broker.client,
                        registerRequest("C", "b1", 0, "b:10911", 1, false, topic("T", 4))).code());
                assertNotNull(ns.route("T"));
            } finally {
                broker.close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ns.route("T") == null);
            assertTrue(ns.controller.routeTable().liveInfo("b:10911").isEmpty());
        }
    }

    @Test
    void closingAClientThatRegisteredNothingLeavesBrokersAlone() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home)) {
            ns.call(registerRequest("C", "b1", 0, "b:10911", 1, false, topic("T", 4)));
            try (BrokerClient reader = new BrokerClient()) {
                assertEquals(ResponseCode.SUCCESS, ns.call(reader.client, registerRequest("C", "b2", 1, "r:1", 1,
                        false)).code());
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ns.controller.routeTable().liveInfo("r:1").isEmpty());
            assertNotNull(ns.route("T"));
        }
    }

    /** A second connection, as another broker process would have. */
    private static final class BrokerClient implements AutoCloseable {
        final NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig(), null);

        BrokerClient() {
            client.start();
        }

        @Override
        public void close() {
            client.shutdown();
        }
    }
}
