package io.apogee.remoting.protocol.route;

import io.apogee.common.route.BrokerData;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.Permission;
import io.apogee.common.topic.TopicSysFlag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.body.BodyJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteDataTest {

    /** The TBW102 route a 4.9.7 NameServer sent to a version-409 client (bodies.md §2). */
    private static final String CAPTURED_ROUTE = "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"127.0.0.1:20911\"},"
            + "\"brokerName\":\"proto-broker-a\",\"cluster\":\"ProtoCluster\"}],\"filterServerTable\":{},"
            + "\"queueDatas\":[{\"brokerName\":\"proto-broker-a\",\"perm\":7,\"readQueueNums\":8,\"topicSysFlag\":0,"
            + "\"writeQueueNums\":8}]}";

    @Test
    void capturedRouteParsesAndWritesBackByteForByte() throws Exception {
        TopicRouteData route = BodyJson.decode(CAPTURED_ROUTE.getBytes(StandardCharsets.UTF_8),
                TopicRouteData.class);

        assertNull(route.orderTopicConf());
        assertEquals(List.of(new QueueData("proto-broker-a", 8, 8, 7, 0)), route.queueDatas());
        assertEquals(Map.of(BrokerData.MASTER_ID, "127.0.0.1:20911"), route.brokerDatas().get(0).brokerAddrs());
        assertEquals(Map.of(), route.filterServerTable());
        assertEquals(CAPTURED_ROUTE, new String(BodyJson.encodeStandard(route), StandardCharsets.UTF_8));
    }

    @Test
    void permissionBits() {
        assertTrue(Permission.isReadable(Permission.READ_WRITE));
        assertTrue(Permission.isWriteable(6));
        assertFalse(Permission.isWriteable(Permission.READ));
        assertFalse(Permission.isReadable(Permission.WRITE | Permission.INHERIT));
        assertEquals(new QueueData("b", 1, 1, Permission.READ, 0), new QueueData("b", 1, 1, 6, 0).withPerm(4));
    }

    @Test
    void unitFlags() {
        assertTrue(TopicSysFlag.hasUnitFlag(TopicSysFlag.UNIT));
        assertFalse(TopicSysFlag.hasUnitSubFlag(TopicSysFlag.UNIT));
        assertTrue(TopicSysFlag.hasUnitSubFlag(TopicSysFlag.UNIT | TopicSysFlag.UNIT_SUB));
    }
}
