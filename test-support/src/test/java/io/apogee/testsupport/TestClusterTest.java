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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fixture itself: brokers register where the cluster says, keep their addresses across restarts, and stop. */
class TestClusterTest {

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
    void brokersInThisJvmRegisterAndKeepTheirAddressAcrossARestart() throws Exception {
        try (TestCluster cluster = TestCluster.builder().clusterName("Shape").namesrvs(2)
                .brokers("broker-a", "broker-b").start()) {
            assertEquals(List.of("broker-a", "broker-b"), cluster.brokerNames());
            Map<String, String> expected = Map.of("broker-a", cluster.brokerAddr("broker-a"),
                    "broker-b", cluster.brokerAddr("broker-b"));
            for (String namesrv : cluster.namesrvAddr().split(";")) {
                ClusterInfo info = clusterInfo(namesrv);
                assertEquals(expected, masters(info));
                assertEquals(Set.of("broker-a", "broker-b"), info.clusterAddrTable().get("Shape"));
            }
            String namesrv = cluster.namesrvAddr().split(";")[0];
            cluster.stopBroker("broker-b");
            await().atMost(WAIT).until(() -> !masters(clusterInfo(namesrv)).containsKey("broker-b"));
            cluster.restartBroker("broker-a");
            cluster.startBroker("broker-b");
            assertEquals(expected, masters(clusterInfo(namesrv)));
            assertThrows(IllegalArgumentException.class, () -> cluster.brokerAddr("broker-c"));
        }
    }

    @Test
    void ourServersInChildJvmsServeTheSameShapeAndStopOnClose() throws Exception {
        long pid;
        TestCluster cluster = TestCluster.builder().launcher(ChildProcessServers.apogee(List.of("-Xmx256m")))
                .start();
        try {
            pid = cluster.brokerPid("broker-a");
            assertNotEquals(ProcessHandle.current().pid(), pid, "the broker runs in a child JVM");
            String namesrv = cluster.namesrvAddr();
            await().atMost(WAIT).ignoreExceptions().until(() -> masters(clusterInfo(namesrv))
                    .equals(Map.of("broker-a", cluster.brokerAddr("broker-a"))));
        } finally {
            cluster.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the broker JVM has exited");
    }

    private ClusterInfo clusterInfo(String namesrv) throws Exception {
        RemotingCommand response = client.invokeSync(namesrv,
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null), 15_000);
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return BodyJson.decode(response.body(), ClusterInfo.class);
    }

    /** Broker name to its master's address. */
    private static Map<String, String> masters(ClusterInfo info) {
        return info.brokerAddrTable().values().stream()
                .collect(Collectors.toMap(BrokerData::brokerName, b -> b.brokerAddrs().get(0L)));
    }
}
