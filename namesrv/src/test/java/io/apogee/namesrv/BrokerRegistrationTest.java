package io.apogee.namesrv;

import static io.apogee.namesrv.NamesrvFixture.registerRequest;
import static io.apogee.namesrv.NamesrvFixture.topic;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.common.route.ClusterInfo;
import io.apogee.remoting.protocol.body.DataVersion;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.QueryDataVersionRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.QueryDataVersionResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.UnregisterBrokerRequestHeader;
import io.apogee.common.route.TopicRouteData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REGISTER_BROKER, UNREGISTER_BROKER, QUERY_DATA_VERSION and the routes they make, over a real connection. */
class BrokerRegistrationTest {

    @TempDir
    Path home;
    private NamesrvFixture ns;

    @BeforeEach
    void start() throws Exception {
        ns = new NamesrvFixture(home);
    }

    @AfterEach
    void stop() {
        ns.close();
    }

    @Test
    void aRegisteredMasterHasARouteAndClusterInfo() throws Exception {
        RemotingCommand response = ns.call(registerRequest("C", "b1", 0, "10.0.0.1:10911", 1, false,
                topic("T", 4)));

        assertEquals(ResponseCode.SUCCESS, response.code());
        assertEquals(Map.of(), response.extFields(), "a master is told no master address");
        assertNull(response.body(), "no ORDER_TOPIC_CONFIG namespace, no body");
        TopicRouteData route = ns.route("T");
        assertEquals(4, route.queueDatas().get(0).writeQueueNums());
        assertEquals(Map.of(0L, "10.0.0.1:10911"), route.brokerDatas().get(0).brokerAddrs());
        ClusterInfo info = BodyJson.decode(ns.call(RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO,
                null)).body(), ClusterInfo.class);
        assertEquals(Map.of("C", Set.of("b1")), info.clusterAddrTable());
    }

    @Test
    void reRegistrationWithANewDataVersionUpdatesQueues() throws Exception {
        ns.call(registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 4)));
        ns.call(registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 8)));
        assertEquals(4, ns.route("T").queueDatas().get(0).writeQueueNums(), "same version: topics not re-read");

        ns.call(registerRequest("C", "b1", 0, "a:10911", 2, false, topic("T", 8), topic("New", 1)));
        assertEquals(8, ns.route("T").queueDatas().get(0).writeQueueNums());
        assertNotNull(ns.route("New"));
    }

    @Test
    void compressedRegistrationIsUnderstood() throws Exception {
        assertEquals(ResponseCode.SUCCESS, ns.call(registerRequest("C", "b1", 0, "a:10911", 1, true,
                topic("T", 3))).code());
        assertEquals(3, ns.route("T").queueDatas().get(0).readQueueNums());
    }

    @Test
    void onewayRegistrationIsApplied() throws Exception {
        ns.client.invokeOneway(ns.address, registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 2)),
                NamesrvFixture.TIMEOUT_MILLIS);
        await().atMost(Duration.ofSeconds(30)).until(() -> ns.route("T") != null);
    }

    @Test
    void aSlaveIsToldItsMastersAddresses() throws Exception {
        ns.call(registerRequest("C", "b1", 0, "10.0.0.1:10911", 1, false, topic("T", 4)));
        RemotingCommand slave = ns.call(registerRequest("C", "b1", 1, "10.0.0.2:10911", 1, false, topic("T", 4)));

        RegisterBrokerResponseHeader header = slave.decodeHeader(RegisterBrokerResponseHeader.class);
        assertEquals("10.0.0.1:10911", header.masterAddr());
        assertEquals("10.0.0.1:10912", header.haServerAddr());
        assertEquals(Map.of(0L, "10.0.0.1:10911", 1L, "10.0.0.2:10911"),
                ns.route("T").brokerDatas().get(0).brokerAddrs());
    }

    @Test
    void unregisterRemovesTheBrokerAndItsLastTopics() throws Exception {
        ns.call(registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 4)));
        RemotingCommand response = ns.call(RemotingCommand.request(RequestCode.UNREGISTER_BROKER,
                new UnregisterBrokerRequestHeader("C", "b1", 0, "a:10911")));

        assertEquals(ResponseCode.SUCCESS, response.code());
        RemotingCommand route = ns.call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoRequestHeader("T")));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, route.code());
        assertEquals("No topic route info in name server for the topic: T\n"
                + "See http://rocketmq.apache.org/docs/faq/ for further details.", route.remark());
    }

    @Test
    void queryDataVersionSaysWhetherTheBrokerIsAhead() throws Exception {
        ns.call(registerRequest("C", "b1", 0, "a:10911", 5, false, topic("T", 4)));

        RemotingCommand same = ns.call(queryDataVersion(new DataVersion(5, 1_005)));
        assertFalse(same.decodeHeader(QueryDataVersionResponseHeader.class).changed());
        assertEquals(new DataVersion(5, 1_005), BodyJson.decode(same.body(), DataVersion.class));

        RemotingCommand ahead = ns.call(queryDataVersion(new DataVersion(6, 1_006)));
        assertTrue(ahead.decodeHeader(QueryDataVersionResponseHeader.class).changed());
    }

    private static RemotingCommand queryDataVersion(DataVersion version) {
        return RemotingCommand.request(RequestCode.QUERY_DATA_VERSION,
                new QueryDataVersionRequestHeader("C", "b1", 0, "a:10911")).body(BodyJson.encode(version));
    }

    @Test
    void routeKeysAreQuotedForNewClientsAndOnRequestOnly() throws Exception {
        ns.call(registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 4)));

        assertTrue(routeText(409, false).contains("\"brokerAddrs\":{\"0\":\"a:10911\"}"));
        assertTrue(routeText(0, false).contains("\"brokerAddrs\":{0:\"a:10911\"}"));
        assertTrue(routeText(0, true).contains("\"brokerAddrs\":{\"0\":\"a:10911\"}"));
    }

    private String routeText(int version, boolean acceptStandardJsonOnly) throws Exception {
        GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader("T");
        if (acceptStandardJsonOnly) {
            header.acceptStandardJsonOnly(true);
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, header)
                .version(version);
        return new String(ns.call(request).body(), StandardCharsets.UTF_8);
    }

    @Test
    void oldBrokersSendABareTopicConfigWrapper() throws Exception {
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader("C", "old", 0, "o:10911", "o:10912");
        TopicConfigSerializeWrapper topics = new TopicConfigSerializeWrapper(Map.of("Old", topic("Old", 2)),
                new DataVersion(1, 1));
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER, header).version(36)
                .body(BodyJson.encode(topics));
        assertEquals(ResponseCode.SUCCESS, ns.call(request).code());
        assertEquals(2, ns.route("Old").queueDatas().get(0).readQueueNums());
    }

    @Test
    void aRegistrationWithoutBodyRegistersTheBrokerWithNoTopics() throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER,
                new RegisterBrokerRequestHeader("C", "bare", 0, "x:10911", "x:10912"));
        assertEquals(ResponseCode.SUCCESS, ns.call(request).code());
        assertTrue(ns.controller.routeTable().liveInfo("x:10911").isPresent());
    }
}
