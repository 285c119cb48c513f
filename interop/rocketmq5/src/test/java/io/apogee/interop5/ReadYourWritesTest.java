package io.apogee.interop5;

import static io.apogee.interop5.SharedCluster.admin;
import static io.apogee.interop5.SharedCluster.newTopic;
import static io.apogee.interop5.SharedCluster.producer;
import static io.apogee.interop5.SharedCluster.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Read your writes under load through the official 5.3.3 clients (issue 14's stress test, shortened): {@link #THREADS}
 * threads of sync sends for {@link #RUN}, each acknowledged send followed by one read of the 5.3.3 admin, a queue's
 * max offset (GET_MAX_OFFSET) and the topic's stats (GET_TOPIC_STATS_INFO) in turn. No read may see fewer messages
 * than had been acknowledged before it was sent.
 */
@ExtendWith(SharedCluster.class)
class ReadYourWritesTest {

    private static final int THREADS = 16;
    private static final int QUEUES = 4;
    private static final Duration RUN = Duration.ofSeconds(8);
    /** Fewer acknowledged sends than this on a loaded 2-core machine would mean the run measured nothing. */
    private static final long MIN_ACKED = 200;
    private static final byte[] BODY = "r".repeat(100).getBytes(StandardCharsets.UTF_8);

    private final AtomicLongArray acked = new AtomicLongArray(QUEUES);
    private final AtomicLong reads = new AtomicLong();
    private final List<String> behind = new CopyOnWriteArrayList<>();
    private final List<String> readFailures = new CopyOnWriteArrayList<>();
    private final Map<String, Long> notOk = new ConcurrentSkipListMap<>();

    @Test
    void readsAfterAnAcknowledgedSyncSendSeeIt() throws Exception {
        String topic = newTopic("Ryw5", QUEUES);
        DefaultMQProducer producer = producer(unique("ryw5pg"));
        try {
            long end = System.nanoTime() + RUN.toNanos();
            Thread[] workers = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                workers[t] = new Thread(() -> sendAndRead(producer, topic, end, first), "ryw5-sender-" + t);
                workers[t].start();
            }
            for (Thread worker : workers) {
                worker.join(RUN.plusSeconds(60).toMillis());
                assertFalse(worker.isAlive(), worker.getName() + " still running");
            }
        } finally {
            producer.shutdown();
        }
        System.out.printf("read your writes, 5.3.3: %d sends acknowledged, %d reads, %d behind, not sent %s%n",
                ackedTotal(), reads.get(), behind.size(), notOk);
        assertTrue(ackedTotal() >= MIN_ACKED, () -> "only " + ackedTotal() + " sends acknowledged, not sent " + notOk);
        assertTrue(readFailures.isEmpty(), readFailures::toString);
        assertTrue(reads.get() >= ackedTotal() / 2, "reads " + reads.get());
        assertEquals(List.of(), behind, "reads that saw fewer messages than acknowledged");
        assertEquals(ackedTotal(), topicTotal(topic), "every acknowledged message counted, none more");
    }

    /** Sends until {@code end}, each acknowledged send followed by one read, the kind alternating. */
    private void sendAndRead(DefaultMQProducer producer, String topic, long end, int first) {
        int i = first;
        while (System.nanoTime() < end) {
            SendResult sent = acknowledged(producer, topic);
            if (sent == null) {
                continue;
            }
            MessageQueue queue = sent.getMessageQueue();
            long inQueue = acked.accumulateAndGet(queue.getQueueId(), sent.getQueueOffset() + 1, Math::max);
            long inTopic = ackedTotal();
            try {
                boolean ofQueue = i++ % 2 == 0;
                long seen = ofQueue ? admin().maxOffset(queue) : topicTotal(topic);
                long expected = ofQueue ? inQueue : inTopic;
                if (seen < expected) {
                    behind.add((ofQueue ? "max offset of queue " + queue.getQueueId() : "topic stats") + " " + seen
                            + " < " + expected);
                }
                reads.incrementAndGet();
            } catch (Exception e) {
                if (readFailures.size() < 5) {
                    readFailures.add(e.toString());
                }
            }
        }
    }

    /** The result of one sync send, or null (counted in {@link #notOk}) where it failed or was not SEND_OK. */
    private SendResult acknowledged(DefaultMQProducer producer, String topic) {
        String failure;
        try {
            SendResult sent = producer.send(new Message(topic, BODY));
            if (sent.getSendStatus() == SendStatus.SEND_OK) {
                return sent;
            }
            failure = sent.getSendStatus().name();
        } catch (Exception e) {
            failure = e.getClass().getSimpleName();
        }
        notOk.merge(failure, 1L, Long::sum);
        return null;
    }

    private static long topicTotal(String topic) throws Exception {
        return admin().examineTopicStats(topic).getOffsetTable().values().stream()
                .mapToLong(TopicOffset::getMaxOffset).sum();
    }

    private long ackedTotal() {
        long total = 0;
        for (int q = 0; q < QUEUES; q++) {
            total += acked.get(q);
        }
        return total;
    }
}
