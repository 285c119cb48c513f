package io.apogee.interop.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.fixture.ApacheClients;
import io.apogee.interop.fixture.ClusterKind;
import io.apogee.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.admin.TopicOffset;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Read your writes under load, through the official 4.9.8 clients (issue 14's stress test): {@link #THREADS}
 * threads of sync sends for {@link #RUN}, each acknowledged send followed by one read of the official admin, a
 * queue's max offset (GET_MAX_OFFSET) and the topic's stats (GET_TOPIC_STATS_INFO) in turn. On our servers no read
 * may see fewer messages than had been acknowledged before it was sent. Apache RocketMQ 4.9.7 answers a send before
 * its consume queue is dispatched, so there the run only counts the reads that lagged (and prints them) and checks
 * that every acknowledged message is counted once the load stops.
 */
class ReadYourWritesInteropTest {

    private static final String BROKER = "broker-a";
    private static final int THREADS = 16;
    private static final int QUEUES = 4;
    private static final Duration RUN = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Fewer acknowledged sends than this on a loaded 2-core machine would mean the run measured nothing. */
    private static final long MIN_ACKED = 500;
    private static final byte[] BODY = "r".repeat(100).getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void readsAfterAnAcknowledgedSyncSendSeeIt(ClusterKind kind) throws Exception {
        try (TestCluster cluster = kind.builder().clusterName("Ryw" + kind.name()).brokers(BROKER)
                .brokerProperty("waitTimeMillsInSendQueue", "1000").start()) {
            DefaultMQAdminExt admin = ApacheClients.admin(cluster.namesrvAddr());
            DefaultMQProducer producer = ApacheClients.producer(cluster.namesrvAddr(), "ryw-pg-" + kind.name());
            try {
                String topic = "RywTopic" + kind.name();
                admin.createAndUpdateTopicConfig(cluster.brokerAddr(BROKER), new TopicConfig(topic, QUEUES, QUEUES,
                        6));
                await().atMost(WAIT).ignoreExceptions().until(() -> admin.examineTopicRouteInfo(topic)
                        .getQueueDatas().get(0).getWriteQueueNums() == QUEUES);
                Run run = new Run(producer, admin, topic);
                run.start();
                System.out.printf("read your writes, %s: %d sends acknowledged, %d reads, %d behind, not sent %s%s%n",
                        kind, run.ackedTotal(), run.reads.get(), run.behind.get(), run.notOk,
                        run.behindSamples.isEmpty() ? "" : ", e.g. " + run.behindSamples);
                assertTrue(run.ackedTotal() >= MIN_ACKED, () -> "only " + run.ackedTotal() + " sends acknowledged,"
                        + " not sent " + run.notOk);
                assertTrue(run.readFailures.isEmpty(), run.readFailures::toString);
                assertTrue(run.reads.get() >= run.ackedTotal() / 2, "reads " + run.reads.get());
                if (kind == ClusterKind.APOGEE) {
                    assertEquals(0, run.behind.get(), () -> run.behind.get() + " of " + run.reads.get()
                            + " reads saw fewer messages than acknowledged, e.g. " + run.behindSamples);
                }
                long acked = run.ackedTotal();
                await("every acknowledged message counted").atMost(WAIT)
                        .until(() -> run.topicTotal() >= acked);
                for (int q = 0; q < QUEUES; q++) {
                    MessageQueue queue = new MessageQueue(topic, BROKER, q);
                    assertTrue(admin.maxOffset(queue) >= run.acked.get(q), "queue " + q);
                }
            } finally {
                producer.shutdown();
                admin.shutdown();
            }
        }
    }

    /** One load run: what was acknowledged per queue, the reads and those that saw less. */
    private static final class Run {
        final DefaultMQProducer producer;
        final DefaultMQAdminExt admin;
        final String topic;
        /** Per queue, one past the highest queue offset acknowledged so far. */
        final AtomicLongArray acked = new AtomicLongArray(QUEUES);
        final AtomicLong reads = new AtomicLong();
        final AtomicLong behind = new AtomicLong();
        final List<String> behindSamples = new CopyOnWriteArrayList<>();
        final List<String> readFailures = new CopyOnWriteArrayList<>();
        final Map<String, Long> notOk = new ConcurrentSkipListMap<>();

        Run(DefaultMQProducer producer, DefaultMQAdminExt admin, String topic) {
            this.producer = producer;
            this.admin = admin;
            this.topic = topic;
        }

        void start() throws InterruptedException {
            long end = System.nanoTime() + RUN.toNanos();
            Thread[] workers = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                workers[t] = new Thread(() -> sendAndRead(end, first), "ryw-sender-" + t);
                workers[t].start();
            }
            for (Thread worker : workers) {
                worker.join(TimeUnit.NANOSECONDS.toMillis(RUN.toNanos()) + WAIT.toMillis());
                assertFalse(worker.isAlive(), worker.getName() + " still running");
            }
        }

        /** Sends until {@code end}, each acknowledged send followed by one read, the kind alternating. */
        private void sendAndRead(long end, int first) {
            int i = first;
            while (System.nanoTime() < end) {
                SendResult sent;
                try {
                    sent = producer.send(new Message(topic, BODY));
                } catch (Exception e) {
                    notOk.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                    continue;
                }
                if (sent.getSendStatus() != SendStatus.SEND_OK) {
                    notOk.merge(sent.getSendStatus().name(), 1L, Long::sum);
                    continue;
                }
                MessageQueue queue = sent.getMessageQueue();
                acked.accumulateAndGet(queue.getQueueId(), sent.getQueueOffset() + 1, Math::max);
                long inQueue = acked.get(queue.getQueueId());
                long inTopic = ackedTotal();
                try {
                    if (i++ % 2 == 0) {
                        long seen = admin.maxOffset(queue);
                        lagged(seen < inQueue, "max offset of queue " + queue.getQueueId() + " " + seen + " < "
                                + inQueue);
                    } else {
                        long seen = topicTotal();
                        lagged(seen < inTopic, "topic stats " + seen + " < " + inTopic);
                    }
                    reads.incrementAndGet();
                } catch (Exception e) {
                    if (readFailures.size() < 5) {
                        readFailures.add(e.toString());
                    }
                }
            }
        }

        private void lagged(boolean lagged, String what) {
            if (lagged) {
                behind.incrementAndGet();
                if (behindSamples.size() < 5) {
                    behindSamples.add(what);
                }
            }
        }

        long topicTotal() throws Exception {
            return admin.examineTopicStats(topic).getOffsetTable().values().stream()
                    .mapToLong(TopicOffset::getMaxOffset).sum();
        }

        long ackedTotal() {
            long total = 0;
            for (int q = 0; q < QUEUES; q++) {
                total += acked.get(q);
            }
            return total;
        }
    }
}
