package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.schedule.DelayOffsetTable;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.header.EndTransactionRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SYNC_MASTER and its slave in this JVM, finding each other through a NameServer: replication, metadata sync,
 * the slave's refusals, pull suggestions and the replication entries of brokerStatus. The master is written to
 * before the slave starts, so the slave's first sync (3 s after its start) has a topic, a group, an offset and a
 * delay offset to copy.
 */
class MasterSlaveBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The sync period (10 s) plus a loaded machine's margin. */
    private static final Duration SYNC_WAIT = Duration.ofSeconds(40);
    /** The subscription expression of every pull here. */
    private static final String ALL_TAGS = "*";

    @TempDir
    static Path dir;

    private static ReplicaSetFixture set;
    private static BrokerFixture master;
    private static BrokerFixture slave;
    /** The master's answer to a send while it had no slave. */
    private static RemotingCommand sentWithoutSlave;

    @BeforeAll
    static void startMasterWriteToItThenStartItsSlave() throws Exception {
        set = new ReplicaSetFixture(dir);
        Properties m = new Properties();
        m.setProperty("brokerRole", "SYNC_MASTER");
        m.setProperty("slaveReadEnable", "true");
        m.setProperty("accessMessageInMemoryMaxRatio", "0");
        master = set.startMaster(m);
        assertEquals(ResponseCode.SUCCESS, master.createTopic("T", 2).code());
        sentWithoutSlave = master.invoke(BrokerFixture.send("T", 0, "before the slave", ""));
        assertEquals(ResponseCode.SUCCESS, master.invoke(updateGroup("G")).code());
        assertEquals(ResponseCode.SUCCESS, master.invoke(commitOffset("G", "T", 0, 1)).code());
        master.invoke(BrokerFixture.send("T", 1, "delayed", "DELAY\u00011"));
        await().atMost(WAIT).until(() -> delayOffsets(master).getOrDefault(1, 0L) == 1L);
        slave = set.startSlave(new Properties());
    }

    @AfterAll
    static void stop() {
        if (set != null) {
            set.close();
        }
    }

    @Test
    void theSlaveLearnsItsMasterFromRegistrationReplicatesAndIsListedAsBrokerIdOne() throws Exception {
        await().atMost(WAIT).until(() -> "true".equals(ReplicaSetFixture.runtimeInfo(slave).get("haReplicating")));
        Map<String, String> info = ReplicaSetFixture.runtimeInfo(slave);
        assertEquals(master.addr, info.get("masterAddr"));
        assertEquals("127.0.0.1:" + master.broker.store().haStatus().haListenPort(), info.get("haMasterAddress"));
        await().atMost(WAIT).until(() -> slave.broker.store().getMaxPhyOffset()
                == master.broker.store().getMaxPhyOffset());

        RemotingCommand clusters = slave.client.invokeSync(set.namesrvAddr,
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null), 15_000);
        String table = new String(clusters.body(), StandardCharsets.UTF_8);
        assertTrue(table.contains("1:\"" + slave.addr + "\""), table);
        assertTrue(table.contains("0:\"" + master.addr + "\""), table);
    }

    @Test
    void aSyncMasterAnswersSlaveNotAvailableWithoutASlaveAndSendOkOnceItsSlaveHasTheMessage() throws Exception {
        assertEquals(ResponseCode.SLAVE_NOT_AVAILABLE, sentWithoutSlave.code(), sentWithoutSlave.remark());
        assertNotNull(sentWithoutSlave.extFields().get("msgId"), "stored: the answer carries the message id");
        await().atMost(WAIT).until(() -> "true".equals(ReplicaSetFixture.runtimeInfo(slave).get("haReplicating")));
        await().atMost(WAIT).until(() -> master.broker.store().haStatus().slaves().size() == 1
                && master.broker.store().haStatus().slaves().get(0).ackedOffset() >= 0);

        RemotingCommand sent = master.invoke(BrokerFixture.send("T", 0, "with the slave", ""));

        assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
        long offset = OffsetMessageId.decode(sent.extFields().get("msgId")).commitLogOffset();
        assertTrue(slave.broker.store().getMaxPhyOffset() > offset, "SEND_OK only once the slave has the bytes");
    }

    @Test
    void theSlavesConsumeQueuesServeAPullAndItSuggestsTheMasterWithoutSlaveRead() throws Exception {
        await().atMost(WAIT).until(() -> slave.invoke(BrokerFixture.pull("T", 0, 0,
                PullMessageRequestHeader.FLAG_SUBSCRIPTION, ALL_TAGS, 0)).code()
                == ResponseCode.SUCCESS);
        RemotingCommand pulled = slave.invoke(BrokerFixture.pull("T", 0, 0, PullMessageRequestHeader.FLAG_SUBSCRIPTION,
                ALL_TAGS, 0));
        assertTrue(new String(pulled.body(), StandardCharsets.ISO_8859_1).contains("before the slave"));
        assertEquals("0", pulled.extFields().get("suggestWhichBrokerId"), "the slave's slaveReadEnable is false");
    }

    @Test
    void aCommitOffsetInAPullIsIgnoredOnTheSlave() throws Exception {
        await().atMost(WAIT).until(() -> slave.broker.topics().select("T") != null);
        RemotingCommand pull = BrokerFixture.pull("T", 1, 0, PullMessageRequestHeader.FLAG_SUBSCRIPTION
                | PullMessageRequestHeader.FLAG_COMMIT_OFFSET, ALL_TAGS, 0);
        pull.addExtField("commitOffset", "5");
        slave.invoke(pull);
        assertEquals(-1, slave.broker.offsets().queryOffset("cg", "T", 1));
    }

    @Test
    void topicsGroupsOffsetsAndDelayOffsetsReachTheSlaveWithinTheSyncPeriod() throws Exception {
        await().atMost(SYNC_WAIT).until(() -> slave.broker.topics().select("T") != null
                && slave.broker.offsets().queryOffset("G", "T", 0) == 1
                && groupsOf(slave).contains("\"G\"")
                && delayOffsets(slave).getOrDefault(1, 0L) == 1L);

        assertEquals(ResponseCode.SUCCESS, master.createTopic("T2", 1).code());
        assertEquals(ResponseCode.SUCCESS, master.invoke(commitOffset("G", "T", 0, 2)).code());
        await().atMost(SYNC_WAIT).until(() -> slave.broker.topics().select("T2") != null
                && slave.broker.offsets().queryOffset("G", "T", 0) == 2);
    }

    @Test
    void theSlaveRefusesSendsTopicAndGroupChangesAndEndTransactionNamingItsMaster() throws Exception {
        await().atMost(WAIT).until(() -> master.addr.equals(ReplicaSetFixture.runtimeInfo(slave).get("masterAddr")));

        RemotingCommand send = slave.invoke(BrokerFixture.send("T", 0, "to the slave", ""));
        assertEquals(ResponseCode.SERVICE_NOT_AVAILABLE, send.code());
        assertTrue(send.remark().contains("sending message is forbidden") && send.remark().contains(master.addr),
                send.remark());

        for (RemotingCommand refused : new RemotingCommand[] {slave.createTopic("T3", 1),
                slave.invoke(updateGroup("G2"))}) {
            assertEquals(ResponseCode.SYSTEM_ERROR, refused.code());
            assertTrue(refused.remark().startsWith("Can't modify topic or subscription group from slave broker,"
                    + " please execute it from master broker."), refused.remark());
            assertTrue(refused.remark().contains(master.addr), refused.remark());
        }

        EndTransactionRequestHeader h = new EndTransactionRequestHeader();
        h.setProducerGroup("tpg");
        h.setTranStateTableOffset(0L);
        h.setCommitLogOffset(0L);
        h.setCommitOrRollback(8);
        h.setMsgId("00");
        RemotingCommand end = slave.invoke(RemotingCommand.request(RequestCode.END_TRANSACTION, h));
        assertEquals(ResponseCode.SLAVE_NOT_AVAILABLE, end.code());
        assertTrue(end.remark().contains(master.addr), end.remark());
    }

    @Test
    void aPullReadingOldDataIsSteeredToTheSlaveWhenSlaveReadIsOn() throws Exception {
        RemotingCommand slow = master.invoke(BrokerFixture.pull("T", 0, 0, PullMessageRequestHeader.FLAG_SUBSCRIPTION,
                ALL_TAGS, 0));
        assertEquals(ResponseCode.SUCCESS, slow.code(), slow.remark());
        assertEquals("1", slow.extFields().get("suggestWhichBrokerId"),
                "accessMessageInMemoryMaxRatio=0: every read is slow, the group's whichBrokerWhenConsumeSlowly is 1");

        assertEquals(ResponseCode.SUCCESS, master.invoke(brokerConfig("slaveReadEnable=false")).code());
        try {
            RemotingCommand off = master.invoke(BrokerFixture.pull("T", 0, 0,
                    PullMessageRequestHeader.FLAG_SUBSCRIPTION, ALL_TAGS, 0));
            assertEquals("0", off.extFields().get("suggestWhichBrokerId"));
        } finally {
            master.invoke(brokerConfig("slaveReadEnable=true"));
        }
    }

    @Test
    void brokerStatusShowsEachSlaveOnTheMasterAndTheMasterOnTheSlave() throws Exception {
        await().atMost(WAIT).until(() -> "0".equals(ReplicaSetFixture.runtimeInfo(master)
                .get("haSlaveBehindBytesMax")));
        Map<String, String> onMaster = ReplicaSetFixture.runtimeInfo(master);
        assertEquals("SYNC_MASTER", onMaster.get("brokerRole"));
        assertEquals("1", onMaster.get("haSlaveCount"));
        String slaveEntry = onMaster.entrySet().stream().filter(e -> e.getKey().startsWith("haSlave["))
                .map(e -> e.getKey() + "=" + e.getValue()).findFirst().orElseThrow();
        assertTrue(slaveEntry.startsWith("haSlave[127.0.0.1:") && slaveEntry.contains("behindBytes=0"), slaveEntry);

        Map<String, String> onSlave = ReplicaSetFixture.runtimeInfo(slave);
        assertEquals("SLAVE", onSlave.get("brokerRole"));
        assertEquals("REPLICATING", onSlave.get("haState"));
        assertFalse(onSlave.containsKey("haNotReplicatingReason"), onSlave.toString());
        assertEquals(master.addr, onSlave.get("masterAddr"));
    }

    private static RemotingCommand updateGroup(String group) {
        SubscriptionGroupConfig config = new SubscriptionGroupConfig();
        config.setGroupName(group);
        return RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, null)
                .body(BodyJson.encode(config));
    }

    private static RemotingCommand commitOffset(String group, String topic, int queueId, long offset) {
        UpdateConsumerOffsetRequestHeader h = new UpdateConsumerOffsetRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic(topic);
        h.setQueueId(queueId);
        h.setCommitOffset(offset);
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, h);
    }

    private static RemotingCommand brokerConfig(String line) {
        return RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG, null)
                .body(line.getBytes(StandardCharsets.UTF_8));
    }

    private static String groupsOf(BrokerFixture broker) throws Exception {
        RemotingCommand r = broker.invoke(RemotingCommand.request(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, null));
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static Map<Integer, Long> delayOffsets(BrokerFixture broker) throws Exception {
        RemotingCommand r = broker.invoke(RemotingCommand.request(RequestCode.GET_ALL_DELAY_OFFSET, null));
        return DelayOffsetTable.decode(new String(r.body(), StandardCharsets.UTF_8));
    }
}
