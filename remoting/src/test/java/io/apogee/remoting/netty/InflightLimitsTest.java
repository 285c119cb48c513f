package io.apogee.remoting.netty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.ResponseCode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The server's limits on connections and on requests read and not yet answered. */
class InflightLimitsTest {

    private static final int BLOCKING = 1101;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Registers {@link #BLOCKING}: answers SUCCESS once {@code gate} opens. */
    private static void blockOn(RemotingFixture f, CountDownLatch gate) {
        f.server.registerProcessor(BLOCKING, (ch, req) -> {
            assertTrue(gate.await(60, TimeUnit.SECONDS));
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }, f.executor("ApogeeTestBlocking", 64, 10_000));
    }

    private static RemotingCommand blocking(int bodyBytes) {
        return RemotingCommand.request(BLOCKING, null).body(new byte[bodyBytes]);
    }

    private static RemotingCommand echo() {
        return RemotingCommand.request(RemotingFixture.ECHO, null).addExtField("id", "other");
    }

    @Test
    void aConnectionAtItsLimitIsNotReadUntilAnsweredWhileAnotherIsServed() throws Exception {
        NettyServerConfig config = new NettyServerConfig();
        config.serverMaxOutstandingRequestsPerConnection = 4;
        CountDownLatch gate = new CountDownLatch(1);
        NettyRemotingClient other = new NettyRemotingClient(new NettyClientConfig(), null);
        other.start();
        try (RemotingFixture f = new RemotingFixture(config, new NettyClientConfig(), null)) {
            blockOn(f, gate);
            AtomicInteger answered = new AtomicInteger();
            int sent = 64;
            for (int i = 0; i < sent; i++) {
                f.client.invokeAsync(f.address, blocking(16 * 1024), 60_000, (response, failure) -> {
                    if (response != null && response.code() == ResponseCode.SUCCESS) {
                        answered.incrementAndGet();
                    }
                });
            }
            await().atMost(WAIT).until(() -> f.server.outstandingRequests() >= 4);
            // Reading stopped: what one socket read held past the limit is decoded, never the whole flood.
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> f.server.outstandingRequests() < 16);
            RemotingCommand response = other.invokeSync(f.address, echo(), 15_000);
            assertEquals(ResponseCode.SUCCESS, response.code());
            assertEquals(0, answered.get());

            gate.countDown();
            await().atMost(WAIT).until(() -> answered.get() == sent);
            await().atMost(WAIT).until(() -> f.server.outstandingRequests() == 0);
            assertEquals(0, f.server.inflightRequestBytes());
        } finally {
            gate.countDown();
            other.shutdown();
        }
    }

    @Test
    void requestsBeyondTheTotalLimitAreRefusedSystemBusyNamingTheKey() throws Exception {
        NettyServerConfig config = new NettyServerConfig();
        config.serverMaxOutstandingRequests = 2;
        CountDownLatch gate = new CountDownLatch(1);
        try (RemotingFixture f = new RemotingFixture(config, new NettyClientConfig(), null)) {
            blockOn(f, gate);
            AtomicInteger answered = new AtomicInteger();
            for (int i = 0; i < 2; i++) {
                f.client.invokeAsync(f.address, blocking(10), 60_000, (response, failure) -> answered.incrementAndGet());
            }
            await().atMost(WAIT).until(() -> f.server.outstandingRequests() == 2);
            RemotingCommand refused = f.client.invokeSync(f.address, echo(), 15_000);
            assertEquals(ResponseCode.SYSTEM_BUSY, refused.code());
            assertTrue(refused.remark().contains("serverMaxOutstandingRequests is 2"), refused.remark());

            gate.countDown();
            await().atMost(WAIT).until(() -> answered.get() == 2);
            assertEquals(ResponseCode.SUCCESS, f.client.invokeSync(f.address, echo(), 15_000).code());
        } finally {
            gate.countDown();
        }
    }

    @Test
    void aConnectionTakingBodiesPastTheByteLimitIsNotReadUntilTheyFallBelow() throws Exception {
        NettyServerConfig config = new NettyServerConfig();
        config.serverMaxInflightRequestBytes = 100_000;
        CountDownLatch gate = new CountDownLatch(1);
        NettyRemotingClient other = new NettyRemotingClient(new NettyClientConfig(), null);
        other.start();
        try (RemotingFixture f = new RemotingFixture(config, new NettyClientConfig(), null)) {
            blockOn(f, gate);
            AtomicInteger answered = new AtomicInteger();
            f.client.invokeAsync(f.address, blocking(80_000), 60_000, (response, failure) -> answered.incrementAndGet());
            f.client.invokeAsync(f.address, blocking(30_000), 60_000, (response, failure) -> answered.incrementAndGet());
            await().atMost(WAIT).until(() -> f.server.inflightRequestBytes() == 110_000);
            AtomicInteger echoed = new AtomicInteger();
            f.client.invokeAsync(f.address, echo(), 60_000, (response, failure) -> echoed.incrementAndGet());
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> echoed.get() == 0);
            assertEquals(ResponseCode.SUCCESS, other.invokeSync(f.address, echo(), 15_000).code());

            gate.countDown();
            await().atMost(WAIT).until(() -> answered.get() == 2 && echoed.get() == 1);
            await().atMost(WAIT).until(() -> f.server.inflightRequestBytes() == 0);
        } finally {
            gate.countDown();
            other.shutdown();
        }
    }

    @Test
    void aConnectionBeyondTheLimitIsClosedAtAcceptAndTheFirstKeepsWorking() throws Exception {
        NettyServerConfig config = new NettyServerConfig();
        config.serverMaxConnections = 1;
        NettyRemotingClient other = new NettyRemotingClient(new NettyClientConfig(), null);
        other.start();
        try (RemotingFixture f = new RemotingFixture(config, new NettyClientConfig(), null)) {
            assertEquals(ResponseCode.SUCCESS, f.client.invokeSync(f.address, echo(), 15_000).code());
            assertThrows(RemotingException.class, () -> other.invokeSync(f.address, echo(), 5_000));
            await().atMost(WAIT).until(() -> f.server.openConnections() == 1);
            assertEquals(ResponseCode.SUCCESS, f.client.invokeSync(f.address, echo(), 15_000).code());
        } finally {
            other.shutdown();
        }
    }
}
