package io.apogee.interop.replication;

import static io.apogee.interop.replication.ReplicaSet.BROKER;
import static io.apogee.interop.replication.ReplicaSet.MASTER;
import static io.apogee.interop.replication.ReplicaSet.SLAVE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our master and slave in child JVMs, each role of master: 50,000 keyed 128-byte messages sent by the official 4.9.8
 * producer from 16 threads are all answered SEND_OK; the slave's commit log is then byte for byte the master's up to
 * the master's max offset, and both brokers' brokerStatus say so; with the master stopped, a push consumer (which can
 * only read from the slave) gets every key.
 */
class ReplicationTest {

    private static final int MESSAGES = 50_000;
    private static final String TOPIC = "ReplicatedTopic";

    @RegisterExtension
    final ReplicaSets sets = new ReplicaSets();

    @ParameterizedTest
    @ValueSource(strings = {"ASYNC_MASTER", "SYNC_MASTER"})
    void theSlaveHoldsTheMastersBytesAndServesEveryMessage(String role) throws Exception {
        ReplicaSet set = sets.start(ReplicaSet.layout(ClusterKind.APOGEE, ClusterKind.APOGEE)
                .brokerProperty("brokerRole", role));
        set.createTopic(TOPIC, 4);
        DefaultMQProducer producer = ApacheClients.producer(set.namesrvAddr(), "pg-replication");
        KeyedLoad load;
        try {
            set.awaitSendOk(producer, TOPIC);
            load = new KeyedLoad(producer, TOPIC, "k-", MESSAGES, 128).run(16);
        } finally {
            producer.shutdown();
        }
        assertEquals(MESSAGES, load.sendOk(), load.summary());

        long end = set.awaitSlaveCaughtUp();
        set.awaitTopicOnSlave(TOPIC);
        assertEquals("1", set.runtimeInfo(MASTER, "haSlaveCount"), "brokerStatus of the master counts its slave");
        await("the master's brokerStatus: its slave 0 bytes behind").atMost(ReplicaSet.WAIT).ignoreExceptions()
                .until(() -> "0".equals(set.runtimeInfo(MASTER, "haSlaveBehindBytesMax")));
        assertEquals("true", set.runtimeInfo(SLAVE, "haReplicating"), "brokerStatus of the slave");
        assertEquals(set.addr(MASTER), set.runtimeInfo(SLAVE, "masterAddr"), "brokerStatus of the slave");
        set.cluster().stopBroker(BROKER, MASTER);
        CommitLogFiles.assertIdentical(set.store(MASTER), set.store(SLAVE), 0, end);

        try (KeyCollector consumer = KeyCollector.start(set.namesrvAddr(), "cg-replication", TOPIC)) {
            consumer.awaitAll(load.keys(SendStatus.SEND_OK),
                    "from the slave of a " + role);
            System.out.printf("%s: %d keys consumed from the slave, %d duplicates, commit log %d bytes%n", role,
                    consumer.distinct(), consumer.duplicates(), end);
        }
    }
}
