package io.apogee.interop.replication;

import static io.apogee.interop.replication.ReplicaSet.BROKER;
import static io.apogee.interop.replication.ReplicaSet.SLAVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.impl.consumer.PullResultExt;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code slaveReadEnable=true} with {@code accessMessageInMemoryMaxRatio=0} (every byte behind the end counts as
 * out of memory): the master answers an official pull of old data with {@code suggestWhichBrokerId=1}
 * ({@code whichBrokerWhenConsumeSlowly}), the client's next pulls go to the slave, and the slave serves the rest.
 */
class SlaveReadTest {

    private static final String TOPIC = "SlaveReadTopic";
    private static final int MESSAGES = 2_000;
    private static final String GETS = "msgGetTotalTodayNow";

    @RegisterExtension
    final ReplicaSets sets = new ReplicaSets();

    @Test
    void aConsumerReadingOldDataIsSteeredToTheSlave() throws Exception {
        ReplicaSet set = sets.start(ReplicaSet.layout(ClusterKind.APOGEE, ClusterKind.APOGEE)
                .brokerProperty("slaveReadEnable", "true").brokerProperty("accessMessageInMemoryMaxRatio", "0"));
        set.createTopic(TOPIC, 1);
        DefaultMQProducer producer = ApacheClients.producer(set.namesrvAddr(), "pg-slave-read");
        KeyedLoad load;
        try {
            load = new KeyedLoad(producer, TOPIC, "old-", MESSAGES, 128).run(4);
        } finally {
            producer.shutdown();
        }
        assertEquals(MESSAGES, load.sendOk(), load.summary());
        set.awaitSlaveCaughtUp();
        set.awaitTopicOnSlave(TOPIC);

        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("cg-slave-read");
        consumer.setNamesrvAddr(set.namesrvAddr());
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.start();
        try {
            MessageQueue queue = new MessageQueue(TOPIC, BROKER, 0);
            long slaveGets = Long.parseLong(set.runtimeInfo(SLAVE, GETS));
            PullResult first = consumer.pull(queue, "*", 0, 32);
            assertEquals(PullStatus.FOUND, first.getPullStatus());
            assertEquals(1, ((PullResultExt) first).getSuggestWhichBrokerId(),
                    "the master steers a consumer of old data to brokerId 1");
            assertEquals(slaveGets, Long.parseLong(set.runtimeInfo(SLAVE, GETS)), "the first pull went to the master");

            Set<String> keys = new HashSet<>();
            first.getMsgFoundList().forEach(m -> keys.add(m.getKeys()));
            int servedAfterFirst = 0;
            long end = consumer.maxOffset(queue);
            for (long offset = first.getNextBeginOffset(); offset < end; ) {
                PullResult next = consumer.pull(queue, "*", offset, 32);
                assertEquals(PullStatus.FOUND, next.getPullStatus(), "at offset " + offset);
                for (MessageExt m : next.getMsgFoundList()) {
                    keys.add(m.getKeys());
                    servedAfterFirst++;
                }
                offset = next.getNextBeginOffset();
            }
            assertEquals(load.keys(SendStatus.SEND_OK), keys);
            long servedBySlave = Long.parseLong(set.runtimeInfo(SLAVE, GETS)) - slaveGets;
            assertTrue(servedBySlave >= servedAfterFirst, "the slave served " + servedBySlave + " of the "
                    + servedAfterFirst + " messages pulled after the master's suggestion");
        } finally {
            consumer.shutdown();
        }
    }
}
