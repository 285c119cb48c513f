package io.apogee.remoting.netty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.config.ConfigBinder;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.exception.RemotingConnectException;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.exception.RemotingSendRequestException;
import io.apogee.remoting.exception.RemotingTimeoutException;
import io.apogee.remoting.exception.RemotingTooMuchRequestException;
import io.apogee.remoting.protocol.CommandCustomHeader;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.Required;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.SerializeType;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NettyRemotingTest {

    private static final int BLOCKING = 1001;
    private static final int FAILING = 1002;
    private static final int NEEDS_HEADER = 1003;

    static class TopicHeader implements CommandCustomHeader {
        @Required
        String topic;
    }

    private static RemotingCommand echoRequest(String id, SerializeType type) {
        return RemotingCommand.request(RemotingFixture.ECHO, null).addExtField("id", id)
                .body(id.getBytes(StandardCharsets.UTF_8)).serializeType(type);
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void syncRoundTripAnswersInTheRequestsSerialization(SerializeType type) throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            RemotingCommand response = f.client.invokeSync(f.address, echoRequest("a", type), 15_000);
            assertEquals(ResponseCode.SUCCESS, response.code());
            assertEquals("a", response.extFields().get("id"));
            assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), response.body());
            assertEquals(type, response.serializeType());
        }
    }

    @Test
    void asyncCallbackGetsItsOwnResponse() throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            AtomicReference<RemotingCommand> got = new AtomicReference<>();
            f.client.invokeAsync(f.address, echoRequest("async-1", SerializeType.JSON), 3000,
                    (response, failure) -> got.set(response));
            await().atMost(Duration.ofSeconds(30)).until(() -> got.get() != null);
            assertEquals("async-1", got.get().extFields().get("id"));
        }
    }

    @Test
    void onewayIsProcessedAndNeverAnswered() throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            AtomicInteger seen = new AtomicInteger();
            f.server.registerProcessor(BLOCKING, (ch, req) -> {
                seen.incrementAndGet();
                assertTrue(req.isOneway());
                return RemotingCommand.response(ResponseCode.SUCCESS, "must not be written");
            }, f.executor("ApogeeTestOneway", 1, 10));
            f.client.invokeOneway(f.address, RemotingCommand.request(BLOCKING, null), 3000);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.get() == 1);
            // The connection keeps working and no stray response confused it.
            assertEquals("b", f.client.invokeSync(f.address, echoRequest("b", SerializeType.JSON), 15_000)
                    .extFields().get("id"));
        }
    }

    @Test
    void timeoutsFailSyncAndAsyncCallersClearly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RemotingFixture f = new RemotingFixture()) {
            f.server.registerProcessor(BLOCKING, (ch, req) -> {
                release.await();
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }, f.executor("ApogeeTestBlocking", 2, 10));
            RemotingTimeoutException e = assertThrows(RemotingTimeoutException.class,
                    () -> f.client.invokeSync(f.address, RemotingCommand.request(BLOCKING, null), 200));
            assertTrue(e.getMessage().contains("timeout"), e.getMessage());

            AtomicReference<RemotingException> failure = new AtomicReference<>();
            f.client.invokeAsync(f.address, RemotingCommand.request(BLOCKING, null), 200,
                    (response, error) -> failure.set(error));
            await().atMost(Duration.ofSeconds(30)).until(() -> failure.get() != null);
            assertInstanceOf(RemotingTimeoutException.class, failure.get());
        } finally {
            release.countDown();
        }
    }

    @Test
    void unknownCodeIsNotSupported() throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            RemotingCommand response = f.client.invokeSync(f.address, RemotingCommand.request(9999, null), 15_000);
            assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, response.code());
            assertEquals(" request type 9999 not supported", response.remark());
        }
    }

    @Test
    void processorFailuresBecomeSystemErrorWithAReadableRemark() throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            f.server.registerProcessor(FAILING, (ch, req) -> {
                throw new IllegalStateException("disk on fire");
            }, f.executor("ApogeeTestFailing", 1, 10));
            f.server.registerProcessor(NEEDS_HEADER, (ch, req) -> {
                req.decodeHeader(TopicHeader.class);
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }, f.executor("ApogeeTestHeader", 1, 10));

            RemotingCommand failed = f.client.invokeSync(f.address, RemotingCommand.request(FAILING, null), 15_000);
            assertEquals(ResponseCode.SYSTEM_ERROR, failed.code());
            assertTrue(failed.remark().contains("IllegalStateException: disk on fire"), failed.remark());

            RemotingCommand missing = f.client.invokeSync(f.address, RemotingCommand.request(NEEDS_HEADER, null),
                    3000);
            assertEquals(ResponseCode.SYSTEM_ERROR, missing.code());
            assertTrue(missing.remark().contains("the custom field <topic> is null"), missing.remark());
        }
    }

    @Test
    void fullExecutorQueueAnswersSystemBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RemotingFixture f = new RemotingFixture()) {
            f.server.registerProcessor(BLOCKING, (ch, req) -> {
                release.await();
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }, f.executor("ApogeeTestBusy", 1, 1));
            AtomicInteger answered = new AtomicInteger();
            for (int i = 0; i < 2; i++) {
                f.client.invokeAsync(f.address, RemotingCommand.request(BLOCKING, null), 10_000,
                        (r, e) -> answered.incrementAndGet());
            }
            RemotingCommand busy = null;
            for (int i = 0; i < 50 && busy == null; i++) {
                RemotingCommand r = f.client.invokeSync(f.address, RemotingCommand.request(BLOCKING, null), 15_000);
                busy = r.code() == ResponseCode.SYSTEM_BUSY ? r : null;
            }
            assertNotNull(busy);
            assertEquals("[OVERLOAD]system busy, start flow control for a while", busy.remark());
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() == 2);
        } finally {
            release.countDown();
        }
    }

    @Test
    void manyThreadsManyRequestsEachResponseMatchesItsRequest() throws Exception {
        int threads = 8;
        int perThread = 500;
        try (RemotingFixture f = new RemotingFixture()) {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AtomicInteger matched = new AtomicInteger();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int tid = t;
                workers[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String id = tid + "-" + i;
                        SerializeType type = i % 2 == 0 ? SerializeType.JSON : SerializeType.ROCKETMQ;
                        try {
                            if (i % 3 == 0) {
                                f.client.invokeAsync(f.address, echoRequest(id, type), 10_000, (r, e) -> {
                                    if (e != null) {
                                        errors.add(e);
                                    } else if (id.equals(r.extFields().get("id"))) {
                                        matched.incrementAndGet();
                                    }
                                });
                            } else {
                                RemotingCommand r = f.client.invokeSync(f.address, echoRequest(id, type), 10_000);
                                if (id.equals(new String(r.body(), StandardCharsets.UTF_8))) {
                                    matched.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            errors.add(e);
                        }
                    }
                }, "ApogeeTestLoad-" + t);
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> matched.get() + errors.size() == threads * perThread);
            assertEquals(List.of(), errors);
            assertEquals(threads * perThread, matched.get());
        }
    }

    @Test
    void serverCanCallTheClientBackOnItsConnection() throws Exception {
        AtomicReference<Channel> connected = new AtomicReference<>();
        ChannelEventListener listener = new ChannelEventListener() {
            @Override
            public void onChannelConnect(String remoteAddr, Channel channel) {
                connected.set(channel);
            }
        };
        try (RemotingFixture f = new RemotingFixture(new NettyServerConfig(), new NettyClientConfig(), listener)) {
            f.client.registerProcessor(RemotingFixture.ECHO, RemotingFixture.echo(),
                    f.executor("ApogeeTestClientSide", 1, 10));
            f.client.invokeSync(f.address, echoRequest("hello", SerializeType.JSON), 15_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> connected.get() != null);
            RemotingCommand back = f.server.invokeSync(connected.get(), echoRequest("check-back",
                    SerializeType.JSON), 15_000);
            assertEquals("check-back", back.extFields().get("id"));
        }
    }

    @Test
    void closeAndIdleEventsReachTheListener() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ChannelEventListener listener = new ChannelEventListener() {
            @Override
            public void onChannelConnect(String remoteAddr, Channel channel) {
                events.add("connect");
            }

            @Override
            public void onChannelClose(String remoteAddr, Channel channel) {
                events.add("close");
            }

            @Override
            public void onChannelIdle(String remoteAddr, Channel channel) {
                events.add("idle");
            }
        };
        NettyServerConfig config = ConfigBinder.conclude(NettyServerConfig::new,
                Map.of("serverChannelMaxIdleTimeSeconds", 1));
        try (RemotingFixture f = new RemotingFixture(config, new NettyClientConfig(), listener)) {
            f.client.invokeSync(f.address, echoRequest("x", SerializeType.JSON), 15_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("close"));
            assertEquals(List.of("connect", "idle", "close"), events);
            // A new request reconnects transparently.
            assertEquals("y", f.client.invokeSync(f.address, echoRequest("y", SerializeType.JSON), 15_000)
                    .extFields().get("id"));
        }
    }

    @Test
    void asyncSemaphoreBoundsRequestsInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        NettyClientConfig clientConfig = ConfigBinder.conclude(NettyClientConfig::new,
                Map.of("clientAsyncSemaphoreValue", 1));
        try (RemotingFixture f = new RemotingFixture(new NettyServerConfig(), clientConfig, null)) {
            f.server.registerProcessor(BLOCKING, (ch, req) -> {
                release.await();
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }, f.executor("ApogeeTestSemaphore", 1, 10));
            AtomicInteger done = new AtomicInteger();
            f.client.invokeAsync(f.address, RemotingCommand.request(BLOCKING, null), 10_000,
                    (r, e) -> done.incrementAndGet());
            assertThrows(RemotingTooMuchRequestException.class, () -> f.client.invokeAsync(f.address,
                    RemotingCommand.request(BLOCKING, null), 50, (r, e) -> done.incrementAndGet()));
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> done.get() == 1);
            f.client.invokeAsync(f.address, echoRequest("after", SerializeType.JSON), 3000,
                    (r, e) -> done.incrementAndGet());
            await().atMost(Duration.ofSeconds(30)).until(() -> done.get() == 2);
        } finally {
            release.countDown();
        }
    }

    @Test
    void connectionLostFailsWaitingRequestsAtOnce() throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            f.server.registerProcessor(BLOCKING, (ch, req) -> {
                ch.close();
                return null;
            }, f.executor("ApogeeTestCloser", 1, 10));
            long start = System.nanoTime();
            assertThrows(RemotingSendRequestException.class,
                    () -> f.client.invokeSync(f.address, RemotingCommand.request(BLOCKING, null), 30_000));
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "failed at once, not at the timeout");
        }
    }

    @Test
    void unreachablePeerIsAConnectError() {
        NettyClientConfig config = ConfigBinder.conclude(NettyClientConfig::new, Map.of("connectTimeoutMillis", 1000));
        NettyRemotingClient client = new NettyRemotingClient(config, null);
        client.start();
        try {
            RemotingConnectException e = assertThrows(RemotingConnectException.class,
                    () -> client.invokeSync("127.0.0.1:1", echoRequest("x", SerializeType.JSON), 15_000));
            assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
            assertThrows(RemotingConnectException.class,
                    () -> client.invokeSync("no-port", echoRequest("x", SerializeType.JSON), 15_000));
        } finally {
            client.shutdown();
        }
    }
}
