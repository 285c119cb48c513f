package io.apogee.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.apogee.common.route.BrokerData;
import io.apogee.common.route.ClusterInfo;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fixture's master/slave layout: each broker name's slaves register under their brokerId on ports and stores of
 * their own, stop and start on their own, and one in a child JVM can be killed (gone from the route, its process
 * exited) and started again at the same address.
 */
class SlaveLayoutTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig(), null);

    @BeforeEach
    void start() {
        client.start();
    }

    @AfterEach
    void stop() {
        client.shutdown();
    }

    @Test
    void slavesRegisterUnderTheirBrokerIdAndStopOnTheirOwn() throws Exception {
        try (TestCluster cluster = TestCluster.builder().clusterName("Replicas").slaves(1)
                .slaveProperty("slaveReadEnable", "true").start()) {
            assertEquals(List.of("broker-a"), cluster.brokerNames());
            assertNotEquals(cluster.brokerAddr("broker-a", 0), cluster.brokerAddr("broker-a", 1));
            assertEquals(cluster.brokerAddr("broker-a"), cluster.brokerAddr("broker-a", 0));
            assertNotEquals(cluster.brokerStore("broker-a", 0), cluster.brokerStore("broker-a", 1));
            Map<Long, String> both = Map.of(0L, cluster.brokerAddr("broker-a", 0), 1L,
                    cluster.brokerAddr("broker-a", 1));
            await().atMost(WAIT).until(() -> addresses(cluster).equals(both));
            assertThrows(IllegalStateException.class, () -> cluster.killBroker("broker-a", 1),
                    "a broker in this JVM cannot be killed apart from it");
            assertThrows(IllegalArgumentException.class, () -> cluster.brokerAddr("broker-a", 2));

            cluster.stopBroker("broker-a", 1);
            await().atMost(WAIT).until(() -> addresses(cluster).equals(Map.of(0L, both.get(0L))));
            cluster.startBroker("broker-a", 1);
            await().atMost(WAIT).until(() -> addresses(cluster).equals(both));
        }
    }

    @Test
    void aSlaveInAChildJvmCanBeKilledAndStartedAgain() throws Exception {
        try (TestCluster cluster = TestCluster.builder().clusterName("KilledReplica").slaves(1)
                .launcher(ChildProcessServers.apogee(List.of("-Xmx256m"))).start()) {
            String slave = cluster.brokerAddr("broker-a", 1);
            await().atMost(WAIT).until(() -> slave.equals(addresses(cluster).get(1L)));
            long pid = cluster.brokerPid("broker-a", 1);
            assertNotEquals(cluster.brokerPid("broker-a", 0), pid, "master and slave run in JVMs of their own");

            cluster.killBroker("broker-a", 1);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the slave's JVM is gone");
            assertThrows(IllegalStateException.class, () -> cluster.brokerPid("broker-a", 1));
            await().atMost(WAIT).until(() -> !addresses(cluster).containsKey(1L));

            cluster.startBroker("broker-a", 1);
            await().atMost(WAIT).until(() -> slave.equals(addresses(cluster).get(1L)));
        }
    }

    /** brokerId to address of broker-a, as the cluster's NameServer lists it (empty when it lists none). */
    private Map<Long, String> addresses(TestCluster cluster) throws Exception {
        RemotingCommand response = client.invokeSync(cluster.namesrvAddr(),
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null), 15_000);
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        BrokerData data = BodyJson.decode(response.body(), ClusterInfo.class).brokerAddrTable().get("broker-a");
        return data == null ? Map.of() : Map.copyOf(data.brokerAddrs());
    }
}
