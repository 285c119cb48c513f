package io.apogee.interop.replication;

import static io.apogee.interop.replication.ReplicaSet.BROKER;
import static io.apogee.interop.replication.ReplicaSet.MASTER;
import static io.apogee.interop.replication.ReplicaSet.SLAVE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import java.util.Set;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An official push consumer follows its broker's master to the slave and back, skipping nothing: set A is sent to a
 * SYNC_MASTER and partly consumed, the master is killed ({@code kill -9}), the rest of A is consumed from the slave
 * (which serves the pulls), the master is started again, set B is sent and consumed from it; every key of A and B
 * arrives.
 */
class ConsumerFailoverTest {

    private static final String TOPIC = "FailoverTopic";
    private static final int SET_SIZE = 3_000;
    /** Consumed of A before the kill: some, not all (the consumer is slowed down to make sure). */
    private static final int CONSUMED_BEFORE_KILL = 300;
    private static final String GETS = "msgGetTotalTodayNow";

    @RegisterExtension
    final ReplicaSets sets = new ReplicaSets();

    @Test
    void theConsumerMovesToTheSlaveAndBackWithNoMessageSkipped() throws Exception {
        ReplicaSet set = sets.start(ReplicaSet.layout(ClusterKind.APOGEE, ClusterKind.APOGEE)
                .brokerProperty("brokerRole", "SYNC_MASTER"));
        set.createTopic(TOPIC, 4);
        DefaultMQProducer producer = ApacheClients.producer(set.namesrvAddr(), "pg-failover");
        DefaultMQPushConsumer slowConsumer = ApacheClients.pushConsumer(set.namesrvAddr(), "cg-failover");
        // At most 4 queues x 8 messages every 100 ms: A (sent in seconds) is still being consumed at the kill.
        slowConsumer.setPullInterval(100);
        slowConsumer.setPullBatchSize(8);
        try (KeyCollector consumer = KeyCollector.start(slowConsumer, TOPIC)) {
            set.awaitSendOk(producer, TOPIC);
            set.awaitTopicOnSlave(TOPIC);
            KeyedLoad setA = new KeyedLoad(producer, TOPIC, "a-", SET_SIZE, 128).run(4);
            assertEquals(SET_SIZE, setA.sendOk(), setA.summary());
            Set<String> keysA = setA.keys(SendStatus.SEND_OK);
            await("some of A consumed").atMost(ReplicaSet.WAIT)
                    .until(() -> consumer.distinct() >= CONSUMED_BEFORE_KILL);

            set.cluster().killBroker(BROKER, MASTER);
            int leftOfA = consumer.missing(keysA).size();
            assertTrue(leftOfA > 0, "A was consumed completely before the kill; the test needs a slower consumer");
            long slaveGets = Long.parseLong(set.runtimeInfo(SLAVE, GETS));
            consumer.awaitAll(keysA, "the rest of A (" + leftOfA + ") from the slave");
            long servedBySlave = Long.parseLong(set.runtimeInfo(SLAVE, GETS)) - slaveGets;
            assertTrue(servedBySlave >= leftOfA, "the slave served " + servedBySlave + " of the " + leftOfA
                    + " messages left of A");

            set.cluster().startBroker(BROKER, MASTER);
            set.awaitSendOk(producer, TOPIC);
            KeyedLoad setB = new KeyedLoad(producer, TOPIC, "b-", SET_SIZE, 128).run(4);
            assertEquals(SET_SIZE, setB.sendOk(), setB.summary());
            consumer.awaitAll(setB.keys(SendStatus.SEND_OK), "B");
            long servedByMaster = Long.parseLong(set.runtimeInfo(MASTER, GETS));
            assertTrue(servedByMaster > 0, "the consumer is back on the restarted master (it served "
                    + servedByMaster + ")");
            System.out.printf("failover: %d of A left at the kill, %d served by the slave, B served by the master "
                    + "(%d), %d duplicates%n", leftOfA, servedBySlave, servedByMaster, consumer.duplicates());
        } finally {
            producer.shutdown();
        }
    }
}
