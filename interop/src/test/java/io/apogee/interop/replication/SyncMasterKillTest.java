package io.apogee.interop.replication;

import static io.apogee.interop.replication.ReplicaSet.BROKER;
import static io.apogee.interop.replication.ReplicaSet.MASTER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import java.util.HashSet;
import java.util.Set;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The durability promise of a SYNC_MASTER: killed ({@code kill -9}) in the middle of 16-thread load from the official
 * producer, with either flush type, every message whose send returned SEND_OK is consumed from its slave. Messages
 * whose sends failed may or may not be there; deliveries beyond the first are counted and printed.
 */
class SyncMasterKillTest {

    private static final String TOPIC = "KillTopic";
    /** Acknowledged sends before the kill: enough that the kill lands in steady load, few enough to stay quick. */
    private static final int ACKED_BEFORE_KILL = 8_000;

    @RegisterExtension
    final ReplicaSets sets = new ReplicaSets();

    @ParameterizedTest
    @ValueSource(strings = {"SYNC_FLUSH", "ASYNC_FLUSH"})
    void everyAcknowledgedMessageSurvivesTheMastersDeath(String flushDiskType) throws Exception {
        ReplicaSet set = sets.start(ReplicaSet.layout(ClusterKind.APOGEE, ClusterKind.APOGEE)
                .brokerProperty("brokerRole", "SYNC_MASTER").brokerProperty("flushDiskType", flushDiskType));
        set.createTopic(TOPIC, 4);
        DefaultMQProducer producer = ApacheClients.producer(set.namesrvAddr(), "pg-kill");
        KeyedLoad load;
        try {
            set.awaitSendOk(producer, TOPIC);
            // The consumer reads from the slave after the kill, which needs the topic there first.
            set.awaitTopicOnSlave(TOPIC);
            load = new KeyedLoad(producer, TOPIC, "kill-", Integer.MAX_VALUE, 128).start(16);
            await("acknowledged sends").atMost(ReplicaSet.WAIT).until(() -> load.sendOk() >= ACKED_BEFORE_KILL);
            set.cluster().killBroker(BROKER, MASTER);
            load.stop();
            load.awaitDone();
        } finally {
            producer.shutdown();
        }
        Set<String> acknowledged = load.keys(SendStatus.SEND_OK);
        assertTrue(acknowledged.size() >= ACKED_BEFORE_KILL, load.summary());

        try (KeyCollector consumer = KeyCollector.start(set.namesrvAddr(), "cg-kill", TOPIC)) {
            consumer.awaitAll(acknowledged, "acknowledged by the killed SYNC_MASTER (" + flushDiskType + ")");
            Set<String> unacknowledged = new HashSet<>(consumer.keys());
            unacknowledged.removeAll(acknowledged);
            System.out.printf("SYNC_MASTER + %s killed: %d acknowledged, all consumed from the slave, none lost; "
                    + "%d duplicate deliveries; %d stored without SEND_OK; sends: %s%n", flushDiskType,
                    acknowledged.size(), consumer.duplicates(), unacknowledged.size(), load.summary());
        }
    }
}
