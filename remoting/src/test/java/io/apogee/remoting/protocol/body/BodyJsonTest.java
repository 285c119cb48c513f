package io.apogee.remoting.protocol.body;

import io.apogee.common.route.ClusterInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.common.route.BrokerData;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Bodies against the bytes captured from RocketMQ 4.9.7 (bodies.md). */
class BodyJsonTest {

    private static final TopicRouteData ROUTE = new TopicRouteData(null,
            List.of(new QueueData("proto-broker-a", 8, 8, 7, 0)),
            List.of(new BrokerData("ProtoCluster", "proto-broker-a", new TreeMap<>(Map.of(0L, "127.0.0.1:20911")))),
            Map.of());

    @Test
    void routeInStandardJsonMatchesTheCaptureOfAVersion409Client() {
        assertEquals("{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"127.0.0.1:20911\"},\"brokerName\":\"proto-broker-a\","
                + "\"cluster\":\"ProtoCluster\"}],\"filterServerTable\":{},\"queueDatas\":[{\"brokerName\":"
                + "\"proto-broker-a\",\"perm\":7,\"readQueueNums\":8,\"topicSysFlag\":0,\"writeQueueNums\":8}]}",
                text(BodyJson.encodeStandard(ROUTE)));
    }

    @Test
    void routeInDefaultFormHasUnquotedBrokerIdsLikeFastjson1() {
        assertTrue(text(BodyJson.encode(ROUTE)).contains("\"brokerAddrs\":{0:\"127.0.0.1:20911\"}"),
                text(BodyJson.encode(ROUTE)));
    }

    @Test
    void orderTopicConfIsWrittenOnlyWhenSet() {
        TopicRouteData ordered = new TopicRouteData("proto-broker-a:2", ROUTE.queueDatas(), ROUTE.brokerDatas(),
                Map.of());
        assertTrue(text(BodyJson.encode(ordered)).contains("\"orderTopicConf\":\"proto-broker-a:2\""));
        assertTrue(!text(BodyJson.encode(ROUTE)).contains("orderTopicConf"));
    }

    @Test
    void clusterInfoMatchesTheCapture() {
        ClusterInfo info = new ClusterInfo(Map.of("proto-broker-a", ROUTE.brokerDatas().get(0)),
                Map.of("ProtoCluster", Set.of("proto-broker-a")));
        assertEquals("{\"brokerAddrTable\":{\"proto-broker-a\":{\"brokerAddrs\":{0:\"127.0.0.1:20911\"},"
                + "\"brokerName\":\"proto-broker-a\",\"cluster\":\"ProtoCluster\"}},\"clusterAddrTable\":"
                + "{\"ProtoCluster\":[\"proto-broker-a\"]}}", text(BodyJson.encode(info)));
    }

    @Test
    void smallBodiesMatchTheCaptures() {
        assertEquals("{\"table\":{\"AdminOrder\":\"proto-broker-a:2\"}}",
                text(BodyJson.encode(new KvTable(Map.of("AdminOrder", "proto-broker-a:2")))));
        assertEquals("{\"topicList\":[\"TBW102\"]}", text(BodyJson.encode(new TopicList(Set.of("TBW102")))));
        assertEquals("{\"counter\":1,\"timestamp\":1795460575673}",
                text(BodyJson.encode(new DataVersion(1, 1795460575673L))));
    }

    @Test
    void readsQuotedAndUnquotedNumericKeysAndIgnoresUnknownProperties() throws Exception {
        String json = "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"a:1\",\"1\":\"b:2\"},\"brokerName\":\"b\","
                + "\"cluster\":\"c\",\"enableActingMaster\":false}],\"filterServerTable\":{},\"queueDatas\":[]}";
        TopicRouteData route = BodyJson.decode(json.getBytes(StandardCharsets.UTF_8), TopicRouteData.class);
        assertEquals(Map.of(0L, "a:1", 1L, "b:2"), route.brokerDatas().get(0).brokerAddrs());
    }

    @Test
    void corruptOrMissingBodiesFailWithTheTypeNamed() {
        RemotingCommandException corrupt = assertThrows(RemotingCommandException.class,
                () -> BodyJson.decode("{\"counter\":".getBytes(StandardCharsets.UTF_8), DataVersion.class));
        assertTrue(corrupt.getMessage().startsWith("invalid DataVersion body"), corrupt.getMessage());
        RemotingCommandException wrongType = assertThrows(RemotingCommandException.class,
                () -> BodyJson.decode("{\"counter\":\"x\"}".getBytes(StandardCharsets.UTF_8), DataVersion.class));
        assertTrue(wrongType.getMessage().startsWith("invalid DataVersion body"), wrongType.getMessage());
        assertThrows(RemotingCommandException.class,
                () -> BodyJson.decode("null".getBytes(StandardCharsets.UTF_8), DataVersion.class));
        RemotingCommandException missing = assertThrows(RemotingCommandException.class,
                () -> BodyJson.decode(null, DataVersion.class));
        assertEquals("the request has no DataVersion body", missing.getMessage());
    }

    @Test
    void standardFormEscapesNonAscii() {
        assertEquals("{\"topicList\":[\"\\u00E9\"]}", text(BodyJson.encodeStandard(new TopicList(Set.of("é")))));
    }

    /** Fuzz findings (RegisterBrokerBodyFuzzTest#plain): fastjson2 runs off its buffer on these truncated bodies. */
    @Test
    void truncatedBodiesAreRefusedNamingTheType() {
        for (String body : List.of("{\"filterServerList\":[],\"topiXConfig",
                "{\"filterServerList\":[],\"topicConfigSerialize")) {
            RemotingCommandException e = assertThrows(RemotingCommandException.class,
                    () -> BodyJson.decode(body.getBytes(StandardCharsets.UTF_8), RegisterBrokerBody.class));
            assertTrue(e.getMessage().startsWith("invalid RegisterBrokerBody body: "), e.getMessage());
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
