package io.apogee.interop.client;

import static io.apogee.interop.client.PushConsumerInteropTest.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.admin.DefaultMQAdminExt;
import io.apogee.client.consumer.DefaultLitePullConsumer;
import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.producer.DefaultMQProducer;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.interop.fixture.ClusterKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every thread the client starts is named {@code Apogee…} and is a daemon, and none is left after shutdown. The
 * clients run in their own thread group: threads inherit the group of the thread that creates them, so the group
 * holds exactly the client's threads (the servers' threads are created by the servers' own threads) besides the
 * test's own driver and Awaitility's poller.
 */
class ClientThreadsInteropTest extends ClientTestBase {

    @ParameterizedTest
    @EnumSource(ClusterKind.class)
    void clientThreadsAreNamedDaemonsAndGoneAfterShutdown(ClusterKind kind) throws Exception {
        ThreadGroup group = new ThreadGroup("client-under-test");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        Thread driver = new Thread(group, () -> {
            try {
                seen.addAll(runClients(kind, group));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "ApogeeTestDriver");
        driver.start();
        driver.join(TimeUnit.MINUTES.toMillis(2));
        if (failure.get() != null) {
            throw new AssertionError("clients failed", failure.get());
        }
        assertTrue(seen.size() > 5, "the clients ran threads: " + seen);
        for (String description : seen) {
            assertTrue(description.startsWith("Apogee") && description.endsWith("daemon"), description);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> liveThreads(group).isEmpty());
        assertEquals(List.of(), liveThreads(group));
    }

    /** Runs every kind of client once; returns "name daemon|user" of the group's threads while they ran. */
    private static List<String> runClients(ClusterKind kind, ThreadGroup group) throws Exception {
        String topic = unique("Threads");
        DefaultMQProducer producer = configure(new DefaultMQProducer(unique("tpg")), kind);
        DefaultMQPushConsumer push = configure(new DefaultMQPushConsumer(unique("tcg")), kind);
        DefaultLitePullConsumer lite = configure(new DefaultLitePullConsumer(unique("tlg")), kind);
        DefaultMQAdminExt admin = configure(new DefaultMQAdminExt(), kind);
        CountDownLatch consumed = new CountDownLatch(1);
        producer.start();
        producer.send(message(topic, "TagA", "threads"));
        push.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        push.subscribe(topic, "*");
        push.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            consumed.countDown();
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        push.start();
        lite.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        lite.start();
        lite.subscribe(topic, "*");
        admin.start();
        admin.examineBrokerClusterInfo();
        assertTrue(consumed.await(30, TimeUnit.SECONDS), "the push consumer received the message");
        await().atMost(Duration.ofSeconds(30)).until(() -> !lite.poll(100).isEmpty());
        List<String> seen = new ArrayList<>();
        for (Thread t : liveThreads(group)) {
            if (t != Thread.currentThread()) {
                seen.add(t.getName() + " " + (t.isDaemon() ? "daemon" : "user"));
            }
        }
        admin.shutdown();
        lite.shutdown();
        push.shutdown();
        producer.shutdown();
        return seen;
    }

    private static List<Thread> liveThreads(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int n = group.enumerate(threads, true);
        return Arrays.stream(threads, 0, n).filter(Thread::isAlive)
                .filter(t -> !t.getName().equals("ApogeeTestDriver") && !t.getName().startsWith("awaitility"))
                .toList();
    }
}
