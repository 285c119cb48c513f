package io.apogee.broker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.metrics.RpcLatencyHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What metrics add to a send and a pull, once their topic and group have been seen: the RPC hook's start and stop
 * around the request and the message counters allocate nothing (a regression guard: the smallest object is 16
 * bytes, so less than a byte per request on average means none is allocated per request), and the counts are
 * right. The time per request is printed as a {@code RESULT} line, not asserted.
 */
class MetricsHotPathTest {

    private static final int WARMUP = 300_000;
    private static final int MEASURED = 200_000;
    private static final String TOPIC = "HotTopic";

    @Test
    void aSendAndAPullAllocateNothingForMetricsOnceWarm() {
        PrometheusRegistry registry = new PrometheusRegistry();
        Labels node = Labels.of("cluster", "c", "node_type", "broker", "node_id", "b");
        MessageMeters meters = new MessageMeters(registry, node);
        RpcLatencyHook hook = new RpcLatencyHook(registry, node);
        RemotingCommand[] requests = new RemotingCommand[64];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = RemotingCommand.request(i % 2 == 0 ? RequestCode.SEND_MESSAGE_V2 : RequestCode.PULL_MESSAGE,
                    null);
        }
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        requests(hook, meters, requests, response, WARMUP);
        long batches = 0;
        long allocated;
        long cpu;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            // A loaded machine may still be compiling the path after the warm-up: measure again until it is done.
            long allocatedBefore = threads.getThreadAllocatedBytes(thread);
            long cpuBefore = threads.getCurrentThreadCpuTime();
            requests(hook, meters, requests, response, MEASURED);
            cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
            batches++;
        } while (allocated >= MEASURED && System.nanoTime() < deadline);

        System.out.printf("RESULT metrics per request (hook start and stop, then a send's or a pull's counters): %.0f"
                + " ns cpu, %.3f bytes allocated (batch %d)%n", (double) cpu / MEASURED, (double) allocated / MEASURED,
                batches);
        assertTrue(allocated < MEASURED, allocated + " bytes allocated over " + MEASURED + " requests");
        double stored = registry.scrape().stream().filter(s -> s.getMetadata().getName().equals("rocketmq_messages_in"))
                .map(CounterSnapshot.class::cast).findFirst().orElseThrow().getDataPoints().get(0).getValue();
        assertEquals((WARMUP + batches * MEASURED) / 2, stored);
    }

    private static void requests(RpcLatencyHook hook, MessageMeters meters, RemotingCommand[] requests,
            RemotingCommand response, int count) {
        for (int i = 0; i < count; i++) {
            RemotingCommand request = requests[i & (requests.length - 1)];
            hook.doBeforeRequest("127.0.0.1:50000", request);
            if (request.code() == RequestCode.SEND_MESSAGE_V2) {
                meters.sent(TOPIC, MessageType.NORMAL, 1, 1180);
            } else {
                meters.pulled(TOPIC, "HotGroup", i & 3, 32, 32 * 1180, i);
            }
            hook.doAfterResponse("127.0.0.1:50000", request, response);
        }
    }
}
