package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.OffsetWrapper;
import io.apogee.common.admin.TopicOffset;
import io.apogee.common.admin.TopicStatsTable;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.header.GetConsumeStatsRequestHeader;
import io.apogee.remoting.protocol.header.GetMaxOffsetRequestHeader;
import io.apogee.remoting.protocol.header.GetTopicStatsInfoRequestHeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read your writes under load: 16 threads of sync sends, each followed by one read (a queue's max offset, topic
 * stats, consume stats or a pull of the offset just acknowledged), for a few seconds; no read may see fewer messages
 * than had been acknowledged before it was sent.
 */
class ReadYourWritesTest {

    private static final String TOPIC = "RywTopic";
    private static final int QUEUES = 4;
    private static final int THREADS = 16;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int SUBSCRIPTION_FLAG = 0x4;

    @TempDir
    Path dir;

    @Test
    void readsAfterAnAcknowledgedSendSeeIt() throws Exception {
        try (BrokerFixture f = new BrokerFixture(dir, new Properties())) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic(TOPIC, QUEUES).code());
            AtomicLongArray acked = new AtomicLongArray(QUEUES);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int queue = t % QUEUES;
                    workers.add(pool.submit(() -> sendAndRead(f, queue, acked)));
                }
                int reads = 0;
                for (Future<Integer> worker : workers) {
                    reads += worker.get(60, TimeUnit.SECONDS);
                }
                assertTrue(reads >= THREADS, "every thread read at least once, reads " + reads);
            } finally {
                pool.shutdownNow();
            }
            long total = 0;
            for (int q = 0; q < QUEUES; q++) {
                total += acked.get(q);
                assertEquals(acked.get(q), f.broker.store().getMaxOffsetInQueue(TOPIC, q));
            }
            assertTrue(total > 0);
        }
    }

    /** Sends to {@code queue} until the run ends, each send followed by one kind of read in turn; returns reads. */
    private static int sendAndRead(BrokerFixture f, int queue, AtomicLongArray acked) throws Exception {
        long end = System.nanoTime() + RUN_NANOS;
        int i = 0;
        while (System.nanoTime() < end) {
            RemotingCommand sent = f.invoke(BrokerFixture.send(TOPIC, queue, "m" + i, "WAIT\u0001true"));
            assertEquals(ResponseCode.SUCCESS, sent.code(), sent.remark());
            long queueOffset = Long.parseLong(sent.extFields().get("queueOffset"));
            acked.accumulateAndGet(queue, queueOffset + 1, Math::max);
            long ackedInQueue = acked.get(queue);
            long ackedInTopic = sum(acked);
            switch (i++ % 4) {
                case 0 -> assertTrue(maxOffset(f, queue) >= ackedInQueue, "max offset behind");
                case 1 -> assertTrue(topicStatsTotal(f) >= ackedInTopic, "topic stats behind");
                case 2 -> assertTrue(consumeStatsTotal(f) >= ackedInTopic, "consume stats behind");
                default -> {
                    RemotingCommand pulled = f.invoke(BrokerFixture.pull(TOPIC, queue, queueOffset,
                            SUBSCRIPTION_FLAG, "*", 0));
                    assertEquals(ResponseCode.SUCCESS, pulled.code(), "pull of offset " + queueOffset + ": "
                            + pulled.remark());
                }
            }
        }
        return i;
    }

    private static long sum(AtomicLongArray acked) {
        long sum = 0;
        for (int q = 0; q < acked.length(); q++) {
            sum += acked.get(q);
        }
        return sum;
    }

    private static long maxOffset(BrokerFixture f, int queue) throws Exception {
        GetMaxOffsetRequestHeader h = new GetMaxOffsetRequestHeader();
        h.setTopic(TOPIC);
        h.setQueueId(queue);
        RemotingCommand r = f.invoke(RemotingCommand.request(RequestCode.GET_MAX_OFFSET, h));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        return Long.parseLong(r.extFields().get("offset"));
    }

    private static long topicStatsTotal(BrokerFixture f) throws Exception {
        GetTopicStatsInfoRequestHeader h = new GetTopicStatsInfoRequestHeader();
        h.setTopic(TOPIC);
        RemotingCommand r = f.invoke(RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO, h));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        return BodyJson.decode(r.body(), TopicStatsTable.class).getOffsetTable().values().stream()
                .mapToLong(TopicOffset::getMaxOffset).sum();
    }

    private static long consumeStatsTotal(BrokerFixture f) throws Exception {
        GetConsumeStatsRequestHeader h = new GetConsumeStatsRequestHeader();
        h.setConsumerGroup("cg");
        h.setTopic(TOPIC);
        RemotingCommand r = f.invoke(RemotingCommand.request(RequestCode.GET_CONSUME_STATS, h));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        return BodyJson.decode(r.body(), ConsumeStats.class).getOffsetTable().values().stream()
                .mapToLong(OffsetWrapper::getBrokerOffset).sum();
    }
}
