package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.ResponseCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast-failure remark keeps RocketMQ's prefix and figures and says which key bounds the wait; a broker answers a
 * send that waited in its send queue past {@code waitTimeMillsInSendQueue} with it.
 */
class FastFailureTest {

    private static final String TOPIC = "FastFailureTopic";

    @Test
    void theRemarkSaysHowLongTheSendWaitedAndWhichKeyBoundsIt() {
        String remark = FastFailure.remark(250, 12, 200);
        assertTrue(remark.startsWith("[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while, period in"
                + " queue: 250ms, size of queue: 12"), remark);
        assertTrue(remark.contains("waited 250 ms") && remark.contains("waitTimeMillsInSendQueue (200 ms)"), remark);
    }

    @Test
    void sendsWaitingInTheSendQueuePastTheLimitAreAnsweredSystemBusyAndTheRestStored(@TempDir Path dir)
            throws Exception {
        Properties extra = new Properties();
        // Any send still queued when the scan (every 10 ms) runs has waited past 0 ms.
        extra.setProperty("waitTimeMillsInSendQueue", "0");
        extra.setProperty("sendMessageThreadPoolNums", "1");
        try (BrokerFixture f = new BrokerFixture(dir, extra)) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic(TOPIC, 4).code());
            AtomicInteger stored = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            AtomicReference<String> remark = new AtomicReference<>();
            int sent = 0;
            for (int round = 0; round < 50 && remark.get() == null; round++) {
                for (int i = 0; i < 500; i++) {
                    f.client.invokeAsync(f.addr, BrokerFixture.send(TOPIC, -1, "m" + i, ""), 30_000,
                            (response, failure) -> {
                                if (response != null && response.code() == ResponseCode.SUCCESS) {
                                    stored.incrementAndGet();
                                } else if (response != null && response.code() == ResponseCode.SYSTEM_BUSY) {
                                    remark.compareAndSet(null, response.remark());
                                    refused.incrementAndGet();
                                } else {
                                    other.incrementAndGet();
                                }
                            });
                    sent++;
                }
                int expected = sent;
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> stored.get() + refused.get() + other.get() == expected);
            }
            assertNotNull(remark.get(), "no send was refused in " + sent);
            assertTrue(remark.get().startsWith("[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while,"
                    + " period in queue: "), remark.get());
            assertTrue(remark.get().contains("waitTimeMillsInSendQueue (0 ms)"), remark.get());
            assertEquals(0, other.get(), "answers neither SUCCESS nor SYSTEM_BUSY");
            assertTrue(stored.get() > 0, "nothing stored");
        }
    }
}
