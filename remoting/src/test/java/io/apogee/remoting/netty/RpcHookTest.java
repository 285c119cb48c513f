package io.apogee.remoting.netty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.Reply;
import io.apogee.remoting.protocol.ResponseCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every request an endpoint receives passes its hooks exactly once before and once after, however it is answered. */
class RpcHookTest {

    private static final int LATER = 1101;
    private static final int FAILING_LATER = 1102;
    private static final int BLOCKING = 1103;
    private static final int SILENT = 1104;

    /** The hook calls per request opaque, in order. */
    static final class RecordingHook implements RpcHook {
        final Map<Integer, List<String>> calls = new ConcurrentHashMap<>();
        final Map<Integer, RemotingCommand> responses = new ConcurrentHashMap<>();

        @Override
        public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
            calls(request).add("before " + request.code());
        }

        @Override
        public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
            calls(request).add("after " + request.code());
            if (response != null) {
                responses.put(request.opaque(), response);
            }
        }

        private List<String> calls(RemotingCommand request) {
            return calls.computeIfAbsent(request.opaque(), k -> new CopyOnWriteArrayList<>());
        }

        /** Waits for the request's after-call, checks it had exactly one pair, and returns the response it saw. */
        RemotingCommand onePair(RemotingCommand request) {
            await().atMost(Duration.ofSeconds(10)).until(() -> calls(request).size() >= 2);
            assertEquals(List.of("before " + request.code(), "after " + request.code()), calls(request));
            RemotingCommand response = responses.get(request.opaque());
            if (response != null) {
                assertEquals(request.opaque(), response.opaque());
                assertTrue(response.isResponse());
            }
            return response;
        }
    }

    @Test
    void processedRequestsPassTheHooksOnceEach() throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            RecordingHook hook = new RecordingHook();
            f.server.registerRpcHook(hook);
            f.server.registerProcessor(LATER, (ch, req) -> Reply.later(CompletableFuture.supplyAsync(
                    () -> RemotingCommand.response(ResponseCode.SUCCESS, "later"))), f.executor("ApogeeTestLater",
                    1, 10));
            f.server.registerProcessor(FAILING_LATER, (ch, req) -> Reply.later(CompletableFuture.failedFuture(
                    new IllegalStateException("store on fire"))), f.executor("ApogeeTestFailingLater", 1, 10));
            f.server.registerProcessor(SILENT, (ch, req) -> null, f.executor("ApogeeTestSilent", 1, 10));

            RemotingCommand sync = RemotingCommand.request(RemotingFixture.ECHO, null);
            assertEquals(ResponseCode.SUCCESS, f.client.invokeSync(f.address, sync, 3000).code());
            assertEquals(ResponseCode.SUCCESS, hook.onePair(sync).code());

            RemotingCommand async = RemotingCommand.request(RemotingFixture.ECHO, null);
            AtomicReference<RemotingCommand> asyncAnswer = new AtomicReference<>();
            f.client.invokeAsync(f.address, async, 3000, (r, e) -> asyncAnswer.set(r));
            await().atMost(Duration.ofSeconds(5)).until(() -> asyncAnswer.get() != null);
            assertEquals(ResponseCode.SUCCESS, hook.onePair(async).code());

            RemotingCommand later = RemotingCommand.request(LATER, null);
            assertEquals("later", f.client.invokeSync(f.address, later, 3000).remark());
            assertEquals("later", hook.onePair(later).remark());

            RemotingCommand failing = RemotingCommand.request(FAILING_LATER, null);
            RemotingCommand failed = f.client.invokeSync(f.address, failing, 3000);
            assertEquals(ResponseCode.SYSTEM_ERROR, failed.code());
            assertTrue(failed.remark().contains("IllegalStateException: store on fire"), failed.remark());
            assertEquals(ResponseCode.SYSTEM_ERROR, hook.onePair(failing).code());

            RemotingCommand unknown = RemotingCommand.request(9999, null);
            assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, f.client.invokeSync(f.address, unknown, 3000)
                    .code());
            assertEquals(" request type 9999 not supported", hook.onePair(unknown).remark());

            RemotingCommand oneway = RemotingCommand.request(RemotingFixture.ECHO, null);
            f.client.invokeOneway(f.address, oneway, 3000);
            assertEquals(ResponseCode.SUCCESS, hook.onePair(oneway).code());

            RemotingCommand silent = RemotingCommand.request(SILENT, null).markOneway();
            f.client.invokeOneway(f.address, silent, 3000);
            assertNull(hook.onePair(silent));

            assertEquals(7, hook.calls.size());
        }
    }

    @Test
    void requestsRefusedUnprocessedPassTheHooksToo() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RemotingFixture f = new RemotingFixture()) {
            RecordingHook hook = new RecordingHook();
            f.server.registerRpcHook(hook);
            f.server.registerProcessor(BLOCKING, (ch, req) -> {
                release.await();
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }, f.executor("ApogeeTestBusyHook", 1, 1));
            AtomicInteger answered = new AtomicInteger();
            for (int i = 0; i < 2; i++) {
                f.client.invokeAsync(f.address, RemotingCommand.request(BLOCKING, null), 10_000,
                        (r, e) -> answered.incrementAndGet());
            }
            RemotingCommand refused = null;
            for (int i = 0; i < 50 && refused == null; i++) {
                RemotingCommand request = RemotingCommand.request(BLOCKING, null);
                RemotingCommand r = f.client.invokeSync(f.address, request, 3000);
                refused = r.code() == ResponseCode.SYSTEM_BUSY ? request : null;
            }
            assertTrue(refused != null, "the full executor refused a request");
            assertEquals(RemotingEndpoint.OVERLOAD_REMARK, hook.onePair(refused).remark());
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() == 2);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aHookThrowingBeforeTheRequestRefusesIt() throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            AtomicInteger processed = new AtomicInteger();
            f.server.registerProcessor(BLOCKING, (ch, req) -> {
                processed.incrementAndGet();
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }, f.executor("ApogeeTestDenied", 1, 10));
            f.server.registerRpcHook(new RpcHook() {
                @Override
                public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                    throw new SecurityException("no access to code " + request.code());
                }

                @Override
                public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                }
            });
            RecordingHook hook = new RecordingHook();
            f.server.registerRpcHook(hook);
            RemotingCommand request = RemotingCommand.request(BLOCKING, null);
            RemotingCommand denied = f.client.invokeSync(f.address, request, 3000);
            assertEquals(ResponseCode.SYSTEM_ERROR, denied.code());
            assertTrue(denied.remark().contains("no access to code " + BLOCKING), denied.remark());
            assertEquals(0, processed.get());
            assertEquals(List.of("after " + BLOCKING), hook.calls.get(request.opaque()));
        }
    }

    @Test
    void theSendingSideSeesAsyncResponsesToo() throws Exception {
        try (RemotingFixture f = new RemotingFixture()) {
            RecordingHook hook = new RecordingHook();
            f.client.registerRpcHook(hook);
            RemotingCommand request = RemotingCommand.request(RemotingFixture.ECHO, null);
            CountDownLatch done = new CountDownLatch(1);
            f.client.invokeAsync(f.address, request, 3000, (r, e) -> done.countDown());
            done.await();
            assertEquals(ResponseCode.SUCCESS, hook.onePair(request).code());
        }
    }

    @Test
    void aCodeHasOneProcessor() {
        try (RemotingFixture f = new RemotingFixture()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.server.registerProcessor(
                    RemotingFixture.ECHO, RemotingFixture.echo(), f.executor("ApogeeTestTwice", 1, 1)));
            assertTrue(e.getMessage().contains(String.valueOf(RemotingFixture.ECHO)), e.getMessage());
        }
    }
}
