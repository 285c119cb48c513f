package io.apogee.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The executor queue that takes connections in turn: order, per-connection FIFO, bounds, expiry, shutdown. */
class FairRequestQueueTest {

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::close);
    }

    private Channel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        return channel;
    }

    private static RequestTask request(Channel channel) {
        return request(channel, System.currentTimeMillis());
    }

    private static RequestTask request(Channel channel, long createdMillis) {
        return new RequestTask(channel, RemotingCommand.request(1, null), null, null, createdMillis);
    }

    @Test
    void aPoliteConnectionWaitsBehindOneRequestOfAFloodingOneNotItsBacklog() {
        FairRequestQueue queue = new FairRequestQueue(10_000);
        Channel flooder = connection();
        Channel polite = connection();
        List<RequestTask> flood = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            RequestTask task = request(flooder);
            flood.add(task);
            assertTrue(queue.offer(task));
        }
        int floodTaken = 0;
        for (int round = 0; round < 100; round++) {
            RequestTask mine = request(polite);
            assertTrue(queue.offer(mine));
            int floodBefore = 0;
            Runnable next;
            while ((next = queue.poll()) != mine) {
                assertSame(flood.get(floodTaken++), next, "the flood leaves in order");
                floodBefore++;
            }
            assertTrue(floodBefore <= 1, floodBefore + " flood requests went before the polite one in round " + round);
            // The flood is served between the polite client's requests.
            assertSame(flood.get(floodTaken++), queue.poll());
        }
        assertEquals(1000 - floodTaken, queue.size());
    }

    @Test
    void connectionsWithWorkTakeOneTurnEachInTheOrderTheyJoined() {
        FairRequestQueue queue = new FairRequestQueue(100);
        Channel a = connection();
        Channel b = connection();
        Channel c = connection();
        RequestTask a1 = request(a);
        RequestTask a2 = request(a);
        RequestTask a3 = request(a);
        RequestTask b1 = request(b);
        RequestTask c1 = request(c);
        RequestTask c2 = request(c);
        Runnable other = () -> { };
        for (Runnable task : List.of(a1, a2, a3, b1, c1, other, c2)) {
            assertTrue(queue.offer(task));
        }
        assertSame(a1, queue.peek());
        List<Runnable> order = new ArrayList<>();
        queue.drainTo(order);
        assertEquals(List.of(a1, b1, c1, other, a2, c2, a3), order);
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
    }

    @Test
    void eachConnectionsRequestsLeaveInTheOrderTheyCameWhateverTheInterleaving() {
        FairRequestQueue queue = new FairRequestQueue(100_000);
        List<Channel> connections = List.of(connection(), connection(), connection(), connection());
        Map<RequestTask, Integer> sequence = new HashMap<>();
        Map<Channel, Integer> sent = new HashMap<>();
        Map<Channel, Integer> seen = new HashMap<>();
        Random random = new Random(16);
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            if (random.nextInt(3) > 0) {
                Channel channel = connections.get(random.nextInt(random.nextBoolean() ? 1 : connections.size()));
                RequestTask task = request(channel);
                sequence.put(task, sent.merge(channel, 1, Integer::sum));
                assertTrue(queue.offer(task));
            } else if (queue.poll() instanceof RequestTask task) {
                assertEquals(seen.merge(task.channel(), 1, Integer::sum), sequence.get(task), "out of order");
                taken++;
            }
        }
        Runnable task;
        while ((task = queue.poll()) != null) {
            RequestTask request = (RequestTask) task;
            assertEquals(seen.merge(request.channel(), 1, Integer::sum), sequence.get(request), "out of order");
            taken++;
        }
        assertEquals(sequence.size(), taken);
    }

    @Test
    void aFullQueueRefusesAnOfferUntilATaskLeaves() throws Exception {
        FairRequestQueue queue = new FairRequestQueue(3);
        Channel a = connection();
        Channel b = connection();
        assertTrue(queue.offer(request(a)));
        assertTrue(queue.offer(request(a)));
        assertTrue(queue.offer(request(b)));
        assertFalse(queue.offer(request(b)), "past its capacity");
        assertFalse(queue.offer(() -> { }, 10, TimeUnit.MILLISECONDS));
        assertEquals(3, queue.size());
        assertEquals(0, queue.remainingCapacity());
        assertNotNull(queue.poll());
        assertEquals(1, queue.remainingCapacity());
        assertTrue(queue.offer(request(b)));
    }

    @Test
    void requestsQueuedByTheCutoffExpireOldestFirstEachWithTheSizeLeftAfterIt() {
        FairRequestQueue queue = new FairRequestQueue(100);
        Channel a = connection();
        Channel b = connection();
        RequestTask a100 = request(a, 100);
        RequestTask a200 = request(a, 200);
        RequestTask a300 = request(a, 300);
        RequestTask b150 = request(b, 150);
        RequestTask b400 = request(b, 400);
        Runnable other = () -> { };
        for (Runnable task : List.of(a100, b150, other, a200, a300, b400)) {
            assertTrue(queue.offer(task));
        }
        List<RequestTask> expired = new ArrayList<>();
        List<Integer> left = new ArrayList<>();
        int removed = queue.expireQueuedBy(250, (task, size) -> {
            expired.add(task);
            left.add(size);
        });
        assertEquals(3, removed);
        assertEquals(List.of(a100, a200, b150), expired);
        assertEquals(List.of(5, 4, 3), left);
        assertEquals(3, queue.size());
        List<Runnable> rest = new ArrayList<>();
        queue.drainTo(rest);
        assertEquals(List.of(a300, b400, other), rest);
        assertEquals(0, queue.expireQueuedBy(Long.MAX_VALUE, (task, size) -> expired.add(task)));
    }

    @Test
    void aRemovedTaskIsGoneFromItsLaneAndFromTheSnapshot() {
        FairRequestQueue queue = new FairRequestQueue(100);
        Channel a = connection();
        RequestTask first = request(a);
        RequestTask middle = request(a);
        RequestTask last = request(a);
        Runnable other = () -> { };
        for (Runnable task : List.of(first, middle, last, other)) {
            assertTrue(queue.offer(task));
        }
        assertTrue(queue.remove(middle));
        assertFalse(queue.remove(middle));
        assertFalse(queue.remove(request(connection())), "never queued");
        assertTrue(queue.remove(other));
        assertEquals(new HashSet<>(List.of(first, last)), new HashSet<>(queue));
        Iterator<Runnable> it = queue.iterator();
        assertSame(first, it.next());
        it.remove();
        assertEquals(List.of(last), new ArrayList<>(queue));
        assertSame(last, queue.poll());
        assertTrue(queue.isEmpty());
        RequestTask again = request(a);
        assertTrue(queue.offer(again), "an emptied lane takes requests again");
        assertSame(again, queue.poll());
    }

    @Test
    void anExecutorShutDownRunsWhatWaitedInTurnAndRefusesMore() throws Exception {
        ThreadPoolExecutor executor = RequestExecutors.fair("ApogeeTestFair", 1, 100);
        CountDownLatch gate = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try {
            executor.execute(() -> {
                try {
                    assertTrue(gate.await(60, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 5; i++) {
                String name = "task-" + i;
                executor.execute(() -> ran.add(name));
            }
            executor.shutdown();
            assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> ran.add("late")));
            gate.countDown();
            assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(List.of("task-0", "task-1", "task-2", "task-3", "task-4"), ran);
            assertTrue(executor.getQueue().isEmpty());
        } finally {
            gate.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void anExecutorShutDownNowHandsBackWhatWaitedAndRunsNothingMore() throws Exception {
        ThreadPoolExecutor executor = RequestExecutors.fair("ApogeeTestFairNow", 1, 100);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Channel a = connection();
        try {
            executor.execute(() -> {
                started.countDown();
                try {
                    gate.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            RequestTask r1 = request(a);
            RequestTask r2 = request(a);
            Runnable other = () -> { };
            executor.execute(r1);
            executor.execute(other);
            executor.execute(r2);
            List<Runnable> handedBack = executor.shutdownNow();
            assertEquals(List.of(r1, other, r2), handedBack);
            assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "the running task was interrupted");
            assertEquals(0, executor.getQueue().size());
        } finally {
            gate.countDown();
            executor.shutdownNow();
        }
    }
}
