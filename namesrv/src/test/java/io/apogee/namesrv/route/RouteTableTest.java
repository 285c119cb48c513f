package io.apogee.namesrv.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.route.ClusterInfo;
import io.apogee.remoting.protocol.body.DataVersion;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.common.topic.TopicFilterType;
import io.apogee.common.topic.Permission;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.TopicSysFlag;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable();
    private final TopicQueries queries = new TopicQueries(table);
    private final Channel channelA = new EmbeddedChannel();
    private final Channel channelB = new EmbeddedChannel();

    static BrokerRegistration registration(String cluster, String name, long id, String addr, long version,
            TopicConfig... topics) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig topic : topics) {
            table.put(topic.getTopicName(), topic);
        }
        return new BrokerRegistration(cluster, name, id, addr, addr.replace(":10911", ":10912"),
                new TopicConfigSerializeWrapper(table, new DataVersion(version, 1000 + version)), List.of());
    }

    static TopicConfig topic(String name, int queues) {
        return TopicConfig.withDefaults(name).withQueueNums(queues, queues);
    }

    @Test
    void masterRegistrationMakesARoute() {
        RegistrationResult result = table.register(registration("C", "b1", 0, "10.0.0.1:10911", 1,
                topic("T", 4)), channelA, 1);

        assertEquals(RegistrationResult.NONE, result);
        TopicRouteData route = table.route("T").orElseThrow();
        assertEquals(List.of(new QueueData("b1", 4, 4, Permission.READ_WRITE, 0)), route.queueDatas());
        assertEquals(Map.of(0L, "10.0.0.1:10911"), route.brokerDatas().get(0).brokerAddrs());
        assertEquals("C", route.brokerDatas().get(0).cluster());
        assertEquals(Map.of(), route.filterServerTable());
        assertTrue(table.route("unknown").isEmpty());
    }

    @Test
    void queuesChangeOnlyWithANewDataVersion() {
        table.register(registration("C", "b1", 0, "a:10911", 1, topic("T", 4)), channelA, 1);
        table.register(registration("C", "b1", 0, "a:10911", 1, topic("T", 8)), channelA, 2);
        assertEquals(4, table.route("T").orElseThrow().queueDatas().get(0).writeQueueNums());

        table.register(registration("C", "b1", 0, "a:10911", 2, topic("T", 8), topic("U", 2)), channelA, 3);
        assertEquals(8, table.route("T").orElseThrow().queueDatas().get(0).writeQueueNums());
        assertTrue(table.route("U").isPresent());
        assertEquals(3, table.liveInfo("a:10911").orElseThrow().lastUpdateMillis());
    }

    @Test
    void slaveLearnsItsMasterAndSharesTheBrokerName() {
        table.register(registration("C", "b1", 0, "m:10911", 1, topic("T", 4)), channelA, 1);
        RegistrationResult slave = table.register(registration("C", "b1", 1, "s:10911", 1, topic("T", 99)),
                channelB, 1);

        assertEquals(new RegistrationResult("m:10911", "m:10912"), slave);
        TopicRouteData route = table.route("T").orElseThrow();
        assertEquals(Map.of(0L, "m:10911", 1L, "s:10911"), route.brokerDatas().get(0).brokerAddrs());
        assertEquals(4, route.queueDatas().get(0).readQueueNums(), "only a master's topics become queue data");
    }

    @Test
    void slaveWithoutMasterIsToldNothing() {
        assertEquals(RegistrationResult.NONE, table.register(registration("C", "b1", 1, "s:10911", 1), channelB, 1));
    }

    @Test
    void anAddressMovingToAnotherIdLeavesItsOldId() {
        table.register(registration("C", "b1", 1, "s:10911", 1), channelA, 1);
        table.register(registration("C", "b1", 0, "s:10911", 1, topic("T", 4)), channelA, 2);
        assertEquals(Map.of(0L, "s:10911"), table.route("T").orElseThrow().brokerDatas().get(0).brokerAddrs());
    }

    @Test
    void silentBrokersExpireAndTheirLastTopicGoes() {
        table.register(registration("C", "b1", 0, "a:10911", 1, topic("T", 4)), channelA, 1_000);
        table.register(registration("C", "b2", 0, "b:10911", 1, topic("T", 4), topic("Only2", 1)), channelB,
                5_000);

        List<ExpiredBroker> expired = table.expireInactive(6_000, 2_000);

        assertEquals(List.of(new ExpiredBroker("a:10911", channelA, 1_000)), expired);
        TopicRouteData route = table.route("T").orElseThrow();
        assertEquals(List.of("b2"), route.queueDatas().stream().map(QueueData::brokerName).toList());
        assertEquals(Set.of("b2"), table.clusterInfo().brokerAddrTable().keySet());
        assertTrue(table.expireInactive(6_000, 2_000).isEmpty());
        table.expireInactive(8_000, 2_000);
        assertTrue(table.route("T").isEmpty());
        assertTrue(table.route("Only2").isEmpty());
        assertEquals(new ClusterInfo(Map.of(), Map.of()), table.clusterInfo());
    }

    @Test
    void closingAChannelRemovesOnlyTheBrokersRegisteredOnIt() {
        table.register(registration("C", "b1", 0, "m:10911", 1, topic("T", 4)), channelA, 1);
        table.register(registration("C", "b1", 1, "s:10911", 1), channelB, 1);

        assertEquals(List.of(), table.removeBrokersOn(new EmbeddedChannel()));
        assertEquals(List.of("m:10911"), table.removeBrokersOn(channelA));

        TopicRouteData route = table.route("T").orElseThrow();
        assertEquals(Map.of(1L, "s:10911"), route.brokerDatas().get(0).brokerAddrs(),
                "queues stay while a slave of the broker name remains");
        table.removeBrokersOn(channelB);
        assertTrue(table.route("T").isEmpty());
    }

    @Test
    void unregisterRemovesTheProcessAndEmptyBrokerNames() {
        table.register(registration("C", "b1", 0, "a:10911", 1, topic("T", 4)), channelA, 1);
        table.unregister("b1", 0, "other:1");
        assertTrue(table.route("T").isPresent(), "an address that is not the registered one changes nothing");
        table.unregister("b1", 0, "a:10911");
        assertTrue(table.route("T").isEmpty());
        assertTrue(table.liveInfo("a:10911").isEmpty());
    }

    @Test
    void dataVersionCheckTouchesOnlyWhenUnchanged() {
        table.register(registration("C", "b1", 0, "a:10911", 1), channelA, 1);
        RouteTable.DataVersionCheck same = table.checkDataVersion("a:10911", new DataVersion(1, 1001), 50);
        assertFalse(same.changed());
        assertEquals(new DataVersion(1, 1001), same.held());
        assertEquals(50, table.liveInfo("a:10911").orElseThrow().lastUpdateMillis());

        RouteTable.DataVersionCheck newer = table.checkDataVersion("a:10911", new DataVersion(2, 1002), 60);
        assertTrue(newer.changed());
        assertEquals(50, table.liveInfo("a:10911").orElseThrow().lastUpdateMillis());
        assertEquals(new RouteTable.DataVersionCheck(true, null),
                table.checkDataVersion("unknown:1", new DataVersion(1, 1), 1));
    }

    @Test
    void writePermissionIsWipedAndRestoredPerBrokerName() {
        table.register(registration("C", "b1", 0, "a:10911", 1, topic("T", 4), topic("U", 4)), channelA, 1);
        table.register(registration("C", "b2", 0, "b:10911", 1, topic("T", 4)), channelB, 1);

        assertEquals(2, table.updatePermOfBroker("b1", perm -> perm & ~Permission.WRITE));
        Map<String, Integer> perms = new LinkedHashMap<>();
        table.route("T").orElseThrow().queueDatas().forEach(q -> perms.put(q.brokerName(), q.perm()));
        assertEquals(Map.of("b1", Permission.READ, "b2", Permission.READ_WRITE), perms);

        assertEquals(2, table.updatePermOfBroker("b1", perm -> Permission.READ_WRITE));
        assertEquals(Permission.READ_WRITE, table.route("U").orElseThrow().queueDatas().get(0).perm());
        assertEquals(0, table.updatePermOfBroker("nobody", perm -> 0));
    }

    @Test
    void deleteTopicInOneClusterOrEverywhere() {
        table.register(registration("C1", "b1", 0, "a:10911", 1, topic("T", 4), topic("U", 4)), channelA, 1);
        table.register(registration("C2", "b2", 0, "b:10911", 1, topic("T", 4), topic("U", 4)), channelB, 1);

        table.deleteTopic("T", "C1");
        assertEquals(List.of("b2"), table.route("T").orElseThrow().queueDatas().stream()
                .map(QueueData::brokerName).toList());
        table.deleteTopic("U", null);
        assertTrue(table.route("U").isEmpty());
        table.deleteTopic("T", "C2");
        assertTrue(table.route("T").isEmpty());
        table.deleteTopic("never", "C1");
        assertEquals(Set.of(), queries.allTopics().topicList());
    }

    @Test
    void topicListsByClusterSystemAndUnit() {
        TopicConfig unit = new TopicConfig("Unit", 1, 1, 6, TopicFilterType.SINGLE_TAG, TopicSysFlag.UNIT, false);
        TopicConfig unitSub = new TopicConfig("UnitSub", 1, 1, 6, TopicFilterType.SINGLE_TAG, TopicSysFlag.UNIT_SUB,
                false);
        TopicConfig both = new TopicConfig("Both", 1, 1, 6, TopicFilterType.SINGLE_TAG,
                TopicSysFlag.UNIT | TopicSysFlag.UNIT_SUB, false);
        table.register(registration("C1", "b1", 0, "a:10911", 1, topic("T", 4), unit, unitSub, both), channelA, 1);
        table.register(registration("C2", "b2", 0, "b:10911", 1, topic("V", 4)), channelB, 1);

        assertEquals(Set.of("T", "Unit", "UnitSub", "Both", "V"), queries.allTopics().topicList());
        assertEquals(Set.of("V"), queries.topicsOfCluster("C2").topicList());
        assertEquals(Set.of(), queries.topicsOfCluster("none").topicList());
        assertEquals(Set.of("C1", "C2", "b1", "b2"), queries.systemTopics().topicList());
        assertEquals("a:10911", queries.systemTopics().brokerAddr());
        assertEquals(Set.of("Unit", "Both"), queries.unitTopics().topicList());
        assertEquals(Set.of("UnitSub", "Both"), queries.topicsWithUnitSubscribers().topicList());
        assertEquals(Set.of("UnitSub"), queries.nonUnitTopicsWithUnitSubscribers().topicList());
    }

    @Test
    void filterServersAppearInTheRouteOfTheirBroker() {
        BrokerRegistration reg = registration("C", "b1", 0, "a:10911", 1, topic("T", 4));
        table.register(new BrokerRegistration(reg.clusterName(), reg.brokerName(), reg.brokerId(), reg.brokerAddr(),
                reg.haServerAddr(), reg.topics(), List.of("f:1")), channelA, 1);
        assertEquals(Map.of("a:10911", List.of("f:1")), table.route("T").orElseThrow().filterServerTable());
        table.register(registration("C", "b1", 0, "a:10911", 1, topic("T", 4)), channelA, 2);
        assertEquals(Map.of(), table.route("T").orElseThrow().filterServerTable());
    }
}
