package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast failure for real: with one send thread held by a slow send, the next send waits in the broker's send queue
 * past {@code waitTimeMillsInSendQueue} and the client receives SYSTEM_BUSY with RocketMQ's
 * {@code [TIMEOUT_CLEAN_QUEUE]} remark, saying how long it waited and which key bounds the wait; the slow send is
 * stored once it goes on.
 */
class SendQueueTimeoutTest {

    private static final int LIMIT_MILLIS = 100;
    private static final byte[] SLOW = "slow".getBytes(StandardCharsets.UTF_8);
    private static final Pattern WAITED = Pattern.compile("the send waited (\\d+) ms in the broker's send queue, longer"
            + " than waitTimeMillsInSendQueue \\(" + LIMIT_MILLIS + " ms\\)");

    @TempDir
    Path dir;

    @Test
    void aSendQueuedPastTheLimitIsAnsweredSystemBusySayingHowLongItWaitedAndWhichKey() throws Exception {
        Properties p = new Properties();
        p.setProperty("sendMessageThreadPoolNums", "1");
        p.setProperty("waitTimeMillsInSendQueue", String.valueOf(LIMIT_MILLIS));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (BrokerFixture f = new BrokerFixture(dir, p)) {
            assertEquals(ResponseCode.SUCCESS, f.createTopic("BusyTopic", 1).code());
            f.broker.registerRpcHook(new RpcHook() {
                @Override
                public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                    if (request.code() == RequestCode.SEND_MESSAGE_V2 && Arrays.equals(SLOW, request.body())) {
                        holding.countDown();
                        awaitQuietly(release);
                    }
                }

                @Override
                public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                }
            });
            CompletableFuture<RemotingCommand> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return f.invoke(BrokerFixture.send("BusyTopic", 0, "slow", "TAGS\u0001A"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                assertTrue(holding.await(30, TimeUnit.SECONDS), "the slow send holds the only send thread");
                RemotingCommand queued = f.invoke(BrokerFixture.send("BusyTopic", 0, "queued", "TAGS\u0001A"));

                assertEquals(ResponseCode.SYSTEM_BUSY, queued.code(), queued.remark());
                String remark = queued.remark();
                assertTrue(remark.startsWith("[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while,"
                        + " period in queue: "), remark);
                Matcher waited = WAITED.matcher(remark);
                assertTrue(waited.find(), remark);
                assertTrue(Long.parseLong(waited.group(1)) >= LIMIT_MILLIS, remark);
                assertTrue(remark.contains("raise waitTimeMillsInSendQueue"), remark);
            } finally {
                release.countDown();
            }
            RemotingCommand stored = slow.get(30, TimeUnit.SECONDS);
            assertEquals(ResponseCode.SUCCESS, stored.code(), stored.remark());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> f.broker.store().getMaxOffsetInQueue("BusyTopic", 0) == 1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
