package io.apogee.remoting.netty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.InvokeCallback;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A server whose processor runs on an executor that takes connections in turn, driven by two real clients. */
class FairDispatchTest {

    private static final int RECORDING = 1201;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RemotingCommand recording(String from, int seq) {
        return RemotingCommand.request(RECORDING, null).addExtField("from", from)
                .addExtField("seq", String.valueOf(seq));
    }

    /**
     * Registers {@link #RECORDING} on one fair thread: records {@code from:seq} of each request it runs; the first one
     * waits for {@code gate}.
     */
    private static ThreadPoolExecutor recordOn(RemotingFixture f, FairRequestQueue queue, List<String> ran,
            CountDownLatch gate) {
        ThreadPoolExecutor executor = f.fairExecutor("ApogeeTestFairDispatch", 1, queue);
        f.server.registerProcessor(RECORDING, (ch, req) -> {
            if (ran.isEmpty()) {
                assertTrue(gate.await(60, TimeUnit.SECONDS));
            }
            ran.add(req.extFields().get("from") + ":" + req.extFields().get("seq"));
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }, executor);
        return executor;
    }

    @Test
    void aPoliteClientsRequestRunsAfterOneOfAFloodersQueuedRequestsAndEachClientsKeepTheirOrder() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        NettyRemotingClient polite = new NettyRemotingClient(new NettyClientConfig(), null);
        polite.start();
        try (RemotingFixture f = new RemotingFixture()) {
            FairRequestQueue queue = new FairRequestQueue(10_000);
            List<String> ran = new CopyOnWriteArrayList<>();
            recordOn(f, queue, ran, gate);
            AtomicInteger answered = new AtomicInteger();
            int flood = 100;
            for (int i = 0; i < flood; i++) {
                f.client.invokeAsync(f.address, recording("flood", i), 60_000, countingSuccess(answered));
            }
            // The first runs (and waits at the gate); the other 99 wait in the flooder's lane.
            await().atMost(WAIT).until(() -> queue.size() == flood - 1);
            for (int i = 0; i < 3; i++) {
                polite.invokeAsync(f.address, recording("polite", i), 60_000, countingSuccess(answered));
            }
            await().atMost(WAIT).until(() -> queue.size() == flood + 2);
            gate.countDown();
            await().atMost(WAIT).until(() -> answered.get() == flood + 3);

            // Turns alternate between the two lanes while both have work: polite i runs after flood i + 1.
            assertEquals(List.of("flood:0", "flood:1", "polite:0", "flood:2", "polite:1", "flood:3", "polite:2",
                    "flood:4"), ran.subList(0, 8));
            assertEquals(sequence("flood", flood), only(ran, "flood"));
            assertEquals(sequence("polite", 3), only(ran, "polite"));
        } finally {
            gate.countDown();
            polite.shutdown();
        }
    }

    @Test
    void anExecutorShutDownAnswersWhatWaitedAndRefusesNewRequestsSystemBusy() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (RemotingFixture f = new RemotingFixture()) {
            FairRequestQueue queue = new FairRequestQueue(10_000);
            List<String> ran = new CopyOnWriteArrayList<>();
            ThreadPoolExecutor executor = recordOn(f, queue, ran, gate);
            AtomicInteger answered = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                f.client.invokeAsync(f.address, recording("early", i), 60_000, countingSuccess(answered));
            }
            await().atMost(WAIT).until(() -> queue.size() == 4);
            executor.shutdown();

            RemotingCommand late = f.client.invokeSync(f.address, recording("late", 0), 15_000);
            assertEquals(ResponseCode.SYSTEM_BUSY, late.code());
            assertEquals(RemotingEndpoint.OVERLOAD_REMARK, late.remark());

            gate.countDown();
            await().atMost(WAIT).until(() -> answered.get() == 5);
            assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(sequence("early", 5), ran);
            await().atMost(WAIT).until(() -> f.server.outstandingRequests() == 0);
        } finally {
            gate.countDown();
        }
    }

    private static InvokeCallback countingSuccess(AtomicInteger answered) {
        return (response, failure) -> {
            if (response != null && response.code() == ResponseCode.SUCCESS) {
                answered.incrementAndGet();
            }
        };
    }

    private static List<String> sequence(String from, int count) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(from + ":" + i);
        }
        return expected;
    }

    private static List<String> only(List<String> ran, String from) {
        return ran.stream().filter(r -> r.startsWith(from + ":")).toList();
    }
}
