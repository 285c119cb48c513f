package io.apogee.interop.replication;

import static io.apogee.interop.replication.ReplicaSet.BROKER;
import static io.apogee.interop.replication.ReplicaSet.MASTER;
import static io.apogee.interop.replication.ReplicaSet.SLAVE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A live RocketMQ cluster can move to Apogee one broker at a time: our slave follows Apache 4.9.7's SYNC_MASTER
 * (with Apache's NameServer), and Apache 4.9.7's slave follows ours (with our NameServer), each broker in its own
 * JVM from its start-up class. Every send of the official producer is SEND_OK (the slave's acknowledgements are
 * understood), the slave's commit log is the master's byte for byte, its metadata sync brings the topic over, and
 * with the master stopped a push consumer gets every key from the slave.
 */
class CrossImplementationReplicationTest {

    private static final String TOPIC = "CrossReplicaTopic";
    private static final int MESSAGES = 10_000;

    @RegisterExtension
    final ReplicaSets sets = new ReplicaSets();

    @ParameterizedTest(name = "{0} master, {1} slave")
    @CsvSource({"APACHE, APOGEE", "APOGEE, APACHE"})
    void theSlaveOfTheOtherImplementationHoldsAndServesEveryMessage(ClusterKind master, ClusterKind slave)
            throws Exception {
        ReplicaSet set = sets.start(ReplicaSet.layout(master, slave).brokerProperty("brokerRole", "SYNC_MASTER"));
        set.createTopic(TOPIC, 4);
        DefaultMQProducer producer = ApacheClients.producer(set.namesrvAddr(), "pg-cross-replica");
        KeyedLoad load;
        try {
            set.awaitSendOk(producer, TOPIC);
            load = new KeyedLoad(producer, TOPIC, "x-", MESSAGES, 128).run(8);
        } finally {
            producer.shutdown();
        }
        assertEquals(MESSAGES, load.sendOk(), load.summary());

        long end = set.awaitSlaveCaughtUp();
        set.awaitTopicOnSlave(TOPIC);
        set.cluster().stopBroker(BROKER, MASTER);
        CommitLogFiles.assertIdentical(set.store(MASTER), set.store(SLAVE), 0, end);
        try (KeyCollector consumer = KeyCollector.start(set.namesrvAddr(), "cg-cross-replica", TOPIC)) {
            consumer.awaitAll(load.keys(SendStatus.SEND_OK), master + " master's " + slave + " slave");
        }
    }
}
