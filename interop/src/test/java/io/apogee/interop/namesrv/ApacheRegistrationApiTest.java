package io.apogee.interop.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.testsupport.TestCluster;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.broker.out.BrokerOuterAPI;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.DataVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.namesrv.RegisterBrokerResult;
import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.body.KVTable;
import org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper;
import org.apache.rocketmq.common.protocol.body.TopicList;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official broker-side registration code ({@code BrokerOuterAPI}, broker 4.9.7) registers with our NameServer
 * in both body forms, and the official admin client (tools 4.9.8) reads and edits what it registered.
 */
class ApacheRegistrationApiTest {

    private static final String CLUSTER = "InteropCluster";

    private TestCluster namesrv;
    private BrokerOuterAPI brokerApi;
    private DefaultMQAdminExt admin;

    @BeforeEach
    void start() throws Exception {
        namesrv = TestCluster.builder().brokers().start();
        brokerApi = new BrokerOuterAPI(new NettyClientConfig());
        brokerApi.start();
        brokerApi.updateNameServerAddressList(namesrv.namesrvAddr());
        admin = ApacheClients.admin(namesrv.namesrvAddr());
    }

    @AfterEach
    void stop() {
        admin.shutdown();
        brokerApi.shutdown();
        namesrv.close();
    }

    private static TopicConfigSerializeWrapper topics(long counter, TopicConfig... configs) {
        ConcurrentHashMap<String, TopicConfig> table = new ConcurrentHashMap<>();
        for (TopicConfig config : configs) {
            table.put(config.getTopicName(), config);
        }
        DataVersion version = new DataVersion();
        version.setCounter(new AtomicLong(counter));
        version.setTimestamp(1_000 + counter);
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper();
        wrapper.setTopicConfigTable(table);
        wrapper.setDataVersion(version);
        return wrapper;
    }

    private RegisterBrokerResult register(String name, long id, String addr, boolean compressed,
            TopicConfigSerializeWrapper topics) {
        List<RegisterBrokerResult> results = brokerApi.registerBrokerAll(CLUSTER, addr, name, id,
                addr.replace(":10911", ":10912"), topics, List.of(), false, 3000, compressed);
        assertEquals(1, results.size(), "the registration failed (see the log)");
        return results.get(0);
    }

    @Test
    void plainAndCompressedRegistrationsMakeRoutesTheAdminReads() throws Exception {
        RegisterBrokerResult master = register("broker-a", 0, "10.0.0.1:10911", false,
                topics(1, new TopicConfig("PlainTopic", 4, 4, 6)));
        register("broker-b", 0, "10.0.0.2:10911", true, topics(1, new TopicConfig("ZippedTopic", 2, 2, 6)));

        assertNull(master.getMasterAddr());
        assertNull(master.getKvTable(), "no order topic config yet");
        ClusterInfo info = admin.examineBrokerClusterInfo();
        assertEquals(Map.of(CLUSTER, Set.of("broker-a", "broker-b")), Map.copyOf(info.getClusterAddrTable()));
        assertEquals("10.0.0.2:10911", info.getBrokerAddrTable().get("broker-b").getBrokerAddrs().get(0L));
        assertEquals(Set.of("PlainTopic", "ZippedTopic"), admin.fetchAllTopicList().getTopicList());
        assertEquals(Set.of("PlainTopic", "ZippedTopic"), admin.fetchTopicsByCLuster(CLUSTER).getTopicList());

        TopicRouteData route = admin.examineTopicRouteInfo("ZippedTopic");
        QueueData queues = route.getQueueDatas().get(0);
        assertEquals(List.of("broker-b", 2, 2, 6), List.of(queues.getBrokerName(), queues.getReadQueueNums(),
                queues.getWriteQueueNums(), queues.getPerm()));
        BrokerData broker = route.getBrokerDatas().get(0);
        assertEquals(Map.of(0L, "10.0.0.2:10911"), Map.copyOf(broker.getBrokerAddrs()));
        assertEquals(CLUSTER, broker.getCluster());
        assertTrue(route.getFilterServerTable().isEmpty());
    }

    @Test
    void aSlaveLearnsItsMasterAndOrderTopicConfig() throws Exception {
        register("broker-a", 0, "10.0.0.1:10911", false, topics(1, new TopicConfig("T", 4, 4, 6)));
        admin.createAndUpdateKvConfig("ORDER_TOPIC_CONFIG", "T", "broker-a:4");

        RegisterBrokerResult slave = register("broker-a", 1, "10.0.0.9:10911", false, topics(1));

        assertEquals("10.0.0.1:10911", slave.getMasterAddr());
        assertEquals("10.0.0.1:10912", slave.getHaServerAddr());
        assertEquals(Map.of("T", "broker-a:4"), Map.copyOf(slave.getKvTable().getTable()));
        assertEquals(Map.of(0L, "10.0.0.1:10911", 1L, "10.0.0.9:10911"),
                Map.copyOf(admin.examineTopicRouteInfo("T").getBrokerDatas().get(0).getBrokerAddrs()));
    }

    @Test
    void dataVersionQueryAndUnregister() throws Exception {
        register("broker-a", 0, "10.0.0.1:10911", false, topics(3, new TopicConfig("T", 4, 4, 6)));

        // needRegister lists one TRUE per NameServer that wants the registration, nothing for the others.
        assertEquals(List.of(), brokerApi.needRegister(CLUSTER, "10.0.0.1:10911", "broker-a", 0,
                topics(3), 15_000));
        assertEquals(List.of(true), brokerApi.needRegister(CLUSTER, "10.0.0.1:10911", "broker-a", 0,
                topics(4), 15_000));

        brokerApi.unregisterBrokerAll(CLUSTER, "10.0.0.1:10911", "broker-a", 0);
        MQClientException gone = assertThrows(MQClientException.class, () -> admin.examineTopicRouteInfo("T"));
        assertEquals(17, gone.getResponseCode());
        assertTrue(admin.examineBrokerClusterInfo().getBrokerAddrTable().isEmpty());
    }

    @Test
    void adminEditsRoutesKvAndConfig() throws Exception {
        register("broker-a", 0, "10.0.0.1:10911", false, topics(1, new TopicConfig("T", 4, 4, 6),
                new TopicConfig("U", 4, 4, 6)));

        assertEquals(2, admin.wipeWritePermOfBroker(namesrv.namesrvAddr(), "broker-a"));
        assertEquals(4, admin.examineTopicRouteInfo("T").getQueueDatas().get(0).getPerm());
        assertEquals(2, admin.addWritePermOfBroker(namesrv.namesrvAddr(), "broker-a"));
        assertEquals(6, admin.examineTopicRouteInfo("T").getQueueDatas().get(0).getPerm());
        admin.deleteTopicInNameServer(Set.of(namesrv.namesrvAddr()), "U", CLUSTER);
        assertEquals(Set.of("T"), admin.fetchAllTopicList().getTopicList());

        admin.createAndUpdateKvConfig("ns", "k", "v");
        assertEquals("v", admin.getKVConfig("ns", "k"));
        KVTable table = admin.getKVListByNamespace("ns");
        assertEquals(Map.of("k", "v"), Map.copyOf(table.getTable()));
        admin.deleteKvConfig("ns", "k");
        MQClientException missing = assertThrows(MQClientException.class, () -> admin.getKVConfig("ns", "k"));
        assertEquals(22, missing.getResponseCode());

        Properties update = new Properties();
        update.setProperty("orderMessageEnable", "true");
        admin.updateNameServerConfig(update, List.of(namesrv.namesrvAddr()));
        Properties config = admin.getNameServerConfig(List.of(namesrv.namesrvAddr())).get(namesrv.namesrvAddr());
        assertEquals("true", config.getProperty("orderMessageEnable"));
        assertFalse(config.getProperty("listenPort").isEmpty());
    }

    @Test
    void topicListsParseInTheOfficialClasses() throws Exception {
        register("broker-a", 0, "10.0.0.1:10911", false, topics(1, new TopicConfig("T", 4, 4, 6)));
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        try {
            client.start();
            TopicList system = TopicList.decode(client.invokeSync(namesrv.namesrvAddr(),
                    RemotingCommand.createRequestCommand(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, null), 15_000)
                    .getBody(), TopicList.class);
            assertEquals(Set.of(CLUSTER, "broker-a"), system.getTopicList());
            assertEquals("10.0.0.1:10911", system.getBrokerAddr());
            for (int code : new int[] {RequestCode.GET_UNIT_TOPIC_LIST, RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST,
                RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST}) {
                RemotingCommand response = client.invokeSync(namesrv.namesrvAddr(),
                        RemotingCommand.createRequestCommand(code, null), 15_000);
                assertTrue(TopicList.decode(response.getBody(), TopicList.class).getTopicList().isEmpty());
            }
        } finally {
            client.shutdown();
        }
    }
}
