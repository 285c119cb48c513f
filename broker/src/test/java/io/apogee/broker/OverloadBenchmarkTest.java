package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One client floods a broker with large asynchronous sends, never waiting, over {@value #FLOOD_CONNECTIONS}
 * connections, while a well-behaved client sends 1 KiB messages synchronously: prints the well-behaved client's p99
 * before and during the flood, the broker JVM's peak heap and pooled direct memory and the heap still live when the
 * flood ends (a full collection while its requests are in flight), and asserts wide bounds on the p99 and on that live
 * heap (the broker's in-flight limits keep the flood's bodies at about a quarter of the heap, by back-pressure), and
 * that none of the well-behaved client's sends is refused.
 *
 * <p>Tagged {@code benchmark}: {@code -Dbenchmarks -Dtest=OverloadBenchmarkTest}.
 */
@Tag("benchmark")
class OverloadBenchmarkTest {

    private static final String TOPIC = "OverloadBenchTopic";
    private static final int FLOOD_CONNECTIONS = 3;
    private static final int FLOOD_PERMITS = 512;
    private static final byte[] LARGE = new byte[128 * 1024];
    private static final byte[] SMALL = new byte[1024];
    private static final long BASELINE_MILLIS = 3_000;
    private static final long FLOOD_MILLIS = 10_000;
    /**
     * The broker's {@code serverMaxOutstandingRequestsPerConnection} here ({@code -Dbench.perConnection}), its
     * default 4096 when unset. The send executor takes connections in turn, so the well-behaved client's send waits
     * behind about one queued send of each flooding connection, not their backlog. Loaded 2-core machine, default
     * limits: one FIFO send queue gave p99 342 and 399 ms with 17 of 251 and 3 of 842 sends refused by fast failure
     * (waitTimeMillsInSendQueue); taking connections in turn gave 111-223 ms in six runs (430 ms in one while the
     * machine was busy), none refused. What is left is not queueing: the flood keeps ~128 MiB of bodies in flight
     * (serverMaxInflightRequestBytes, a quarter of the heap), which G1 copies at a young pause every ~30 ms (148
     * pauses of 5-56 ms in one run), on two busy cores. With 16: FIFO p50/p99 30.7/51.8 ms, in turn 4.4/34.7 ms.
     */
    private static final Integer PER_CONNECTION = Integer.getInteger("bench.perConnection");
    /**
     * Wide over the 111-223 ms measured at the default limits (GC pauses and CPU on two busy cores vary run to run;
     * 430 ms once under outside load), so it catches a regression, not noise; what tells fair dispatch from one FIFO
     * is the other assertion: none of the well-behaved client's sends waits the 200 ms that fast failure refuses.
     */
    private static final double P99_BOUND_MILLIS = 600;

    @Test
    void aFloodingClientLeavesAnotherClientsP99AndTheHeapBounded() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(Files.isWritable(Path.of("/dev/shm")) ? "/dev/shm" : "/tmp"),
                "overload-bench");
        Properties extra = new Properties();
        extra.setProperty("mappedFileSizeCommitLog", String.valueOf(1024 * 1024 * 1024));
        extra.setProperty("maxMessageSize", String.valueOf(4 * 1024 * 1024));
        if (PER_CONNECTION != null) {
            extra.setProperty("serverMaxOutstandingRequestsPerConnection", String.valueOf(PER_CONNECTION));
        }
        BrokerFixture fixture = new BrokerFixture(dir, extra);
        NettyRemotingClient good = fixture.client;
        List<NettyRemotingClient> flooders = new ArrayList<>();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try {
            String addr = fixture.addr;
            assertEquals(ResponseCode.SUCCESS, fixture.createTopic(TOPIC, 4).code());
            long[] baseline = latencies(good, addr, BASELINE_MILLIS, new AtomicLong());

            AtomicLong floodOk = new AtomicLong();
            AtomicLong floodBusy = new AtomicLong();
            AtomicLong floodFailed = new AtomicLong();
            AtomicLong peakHeap = new AtomicLong();
            AtomicLong peakDirect = new AtomicLong();
            long deadline = System.nanoTime() + FLOOD_MILLIS * 1_000_000;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < FLOOD_CONNECTIONS; c++) {
                NettyRemotingClient flooder = new NettyRemotingClient(flooderConfig(), null);
                flooder.start();
                flooders.add(flooder);
                threads.add(thread("bench-flood-" + c, () -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            flooder.invokeAsync(addr, send(LARGE), 10_000, (response, failure) -> {
                                if (response == null) {
                                    floodFailed.incrementAndGet();
                                } else if (response.code() == ResponseCode.SUCCESS) {
                                    floodOk.incrementAndGet();
                                } else {
                                    floodBusy.incrementAndGet();
                                }
                            });
                        } catch (Exception e) {
                            floodFailed.incrementAndGet();
                        }
                    }
                }));
            }
            threads.add(thread("bench-memory", () -> {
                while (System.nanoTime() < deadline) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    peakDirect.accumulateAndGet(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(), Math::max);
                    LockSupport.parkNanos(5_000_000); // sample every 5 ms, leaving the CPUs to the broker
                }
            }));
            threads.forEach(Thread::start);
            AtomicLong goodFailed = new AtomicLong();
            long[] flood = latencies(good, addr, FLOOD_MILLIS, goodFailed);
            // The flood's last sends are still queued or in flight: what a full collection leaves is what it holds.
            System.gc();
            long liveHeap = memory.getHeapMemoryUsage().getUsed();
            for (Thread t : threads) {
                t.join();
            }
            long maxHeap = Runtime.getRuntime().maxMemory();
            System.out.printf("RESULT overload: well-behaved sync 1 KiB sends p50/p99/max before the flood"
                    + " %.1f/%.1f/%.1f ms (%d sends), during it %.1f/%.1f/%.1f ms (%d sends, %d not SUCCESS); flood of"
                    + " 128 KiB async sends over %d connections: %d stored (%.0f MiB/s), %d refused, %d failed in %d s;"
                    + " peak heap used"
                    + " %d MiB (%d MiB live at the flood's end) of %d MiB, peak pooled direct %d MiB;"
                    + " serverMaxOutstandingRequestsPerConnection=%s%n",
                    pct(baseline, 50), pct(baseline, 99), pct(baseline, 100), baseline.length, pct(flood, 50),
                    pct(flood, 99), pct(flood, 100), flood.length, goodFailed.get(), FLOOD_CONNECTIONS, floodOk.get(),
                    floodOk.get() * LARGE.length / (1024.0 * 1024) / (FLOOD_MILLIS / 1000.0), floodBusy.get(),
                    floodFailed.get(), FLOOD_MILLIS / 1000, peakHeap.get() >> 20, liveHeap >> 20,
                    maxHeap >> 20, peakDirect.get() >> 20, PER_CONNECTION == null ? "4096 (default)" : PER_CONNECTION);
            assertTrue(floodOk.get() > 0, "the flood stored nothing");
            assertTrue(pct(flood, 99) < P99_BOUND_MILLIS, "well-behaved p99 " + pct(flood, 99) + " ms during the"
                    + " flood");
            assertEquals(0, goodFailed.get(), goodFailed.get() + " of " + flood.length + " well-behaved sends not"
                    + " SUCCESS");
            // Used heap counts garbage too: G1 lets it fill the heap (485-498 of 512 MiB here) before collecting.
            assertTrue(liveHeap < maxHeap * 0.6, "live heap at the flood's end " + liveHeap);
        } finally {
            flooders.forEach(NettyRemotingClient::shutdown);
            fixture.close();
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static NettyClientConfig flooderConfig() {
        Properties p = new Properties();
        p.setProperty("clientAsyncSemaphoreValue", String.valueOf(FLOOD_PERMITS));
        NettyClientConfig config = new NettyClientConfig();
        ConfigBinder.bind(p, config);
        return config;
    }

    /** Sync sends for {@code millis}; the latency of each in ms, sorted; non-SUCCESS answers counted in failed. */
    private static long[] latencies(NettyRemotingClient client, String addr, long millis, AtomicLong failed)
            throws Exception {
        long[] micros = new long[1 << 20];
        int n = 0;
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline && n < micros.length) {
            long start = System.nanoTime();
            RemotingCommand response = client.invokeSync(addr, send(SMALL), 10_000);
            micros[n++] = (System.nanoTime() - start) / 1000;
            if (response.code() != ResponseCode.SUCCESS) {
                failed.incrementAndGet();
            }
        }
        long[] done = Arrays.copyOf(micros, n);
        Arrays.sort(done);
        return done;
    }

    private static double pct(long[] sortedMicros, int p) {
        int i = Math.min(sortedMicros.length - 1, (int) Math.ceil(sortedMicros.length * p / 100.0) - 1);
        return sortedMicros[Math.max(0, i)] / 1000.0;
    }

    private static RemotingCommand send(byte[] body) {
        return BrokerFixture.send(TOPIC, -1, "", "WAIT\u0001true").body(body);
    }
}
