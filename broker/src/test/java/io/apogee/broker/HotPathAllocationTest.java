package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker allocates per message in steady state, counted by the JVM for every broker thread (all but the test
 * client's) around thousands of sync 1 KiB sends and of 32-message pulls after a warm-up. Fails when a change makes
 * the hot path allocate more than the stated bound: a regression guard, not a benchmark (no timing).
 *
 * <p>Where a send's bytes go (JFR allocation samples under load): the request body copied out of the network
 * buffer (1 KiB), the JSON header's fields in a map and the header object bound from them, the stored message and
 * its properties string, the response and its header, the message id, the record parsed back by the dispatcher
 * (topic and properties strings) and the index keys. The test's leak detector is off while it runs: it records a
 * stack trace per buffer, which production does not.
 */
class HotPathAllocationTest {

    /**
     * Measured: 4,080 bytes per send — 1,940 on the I/O thread (the 1 KiB body among them), 1,770 in the send
     * executor, 360 in the dispatcher. The bound leaves room for code a loaded machine has not finished compiling
     * in the warm-up (code compiled less far allocates more: no escape analysis).
     */
    private static final long MAX_BYTES_PER_SEND = 6_000;
    /** Measured: 535 bytes per pulled message (the 32 message bodies go out of the mapped file, not the heap). */
    private static final long MAX_BYTES_PER_PULLED_MESSAGE = 1_000;
    private static final int WARMUP = 30_000;
    private static final int MEASURED = 20_000;
    private static final String TOPIC = "AllocTopic";
    private static final String BODY = "x".repeat(1024);
    private static final String PROPERTIES = "WAIT\u0001true\u0002TAGS\u0001TagA";

    @TempDir
    Path dir;

    @Test
    void steadyStateSendsAndPullsAllocateWithinTheirBounds() throws Exception {
        // The tests' leak detector records a stack trace per buffer: production runs without it.
        ResourceLeakDetector.Level leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            measure();
        } finally {
            ResourceLeakDetector.setLevel(leakLevel);
        }
    }

    private void measure() throws Exception {
        Properties p = new Properties();
        p.setProperty("mappedFileSizeCommitLog", String.valueOf(64 * 1024 * 1024));
        p.setProperty("mappedFileSizeConsumeQueue", String.valueOf(300_000 * 20));
        p.setProperty("maxHashSlotNum", "100000");
        p.setProperty("maxIndexNum", "400000");
        try (BrokerFixture f = new BrokerFixture(dir, p)) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic(TOPIC, 1).code());
            send(f, WARMUP);
            long before = brokerAllocatedBytes();
            send(f, MEASURED);
            double perSend = (double) (brokerAllocatedBytes() - before) / MEASURED;
            send(f, 1_000); // so that the pulls below, which may overshoot their count by a batch, stay in the queue

            long offset = pull(f, 0, WARMUP);
            before = brokerAllocatedBytes();
            long end = pull(f, offset, MEASURED);
            double perPulled = (double) (brokerAllocatedBytes() - before) / (end - offset);
            System.out.printf("RESULT broker allocation: %.0f bytes per 1 KiB sync send, %.0f bytes per pulled"
                    + " message (32 per pull)%n", perSend, perPulled);
            assertTrue(perSend <= MAX_BYTES_PER_SEND, perSend + " bytes allocated per send, bound "
                    + MAX_BYTES_PER_SEND);
            assertTrue(perPulled <= MAX_BYTES_PER_PULLED_MESSAGE, perPulled + " bytes allocated per pulled message,"
                    + " bound " + MAX_BYTES_PER_PULLED_MESSAGE);
        }
    }

    private static void send(BrokerFixture f, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            RemotingCommand response = f.invoke(BrokerFixture.send(TOPIC, 0, BODY, PROPERTIES));
            assertEquals(ResponseCode.SUCCESS, response.code(), response::remark);
        }
    }

    /** Pulls {@code count} messages of queue 0 from {@code offset}, 32 at a time; returns the next offset. */
    private static long pull(BrokerFixture f, long offset, int count) throws Exception {
        long next = offset;
        while (next < offset + count) {
            RemotingCommand response = f.invoke(BrokerFixture.pull(TOPIC, 0, next,
                    PullMessageRequestHeader.FLAG_SUBSCRIPTION, "*", 0));
            assertEquals(ResponseCode.SUCCESS, response.code(), response::remark);
            next = response.decodeHeader(PullMessageResponseHeader.class).getNextBeginOffset();
        }
        return next;
    }

    /** Bytes allocated so far by the broker's threads: every live thread but this one and the test client's. */
    private static long brokerAllocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && !t.getName().startsWith("ApogeeClient")) {
                long bytes = threads.getThreadAllocatedBytes(t.getId());
                total += Math.max(bytes, 0);
            }
        }
        return total;
    }
}
