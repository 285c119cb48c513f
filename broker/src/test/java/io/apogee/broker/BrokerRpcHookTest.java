package io.apogee.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.BatchBodyCodec;
import io.apogee.common.message.Message;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.QueryMessageRequestHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An RpcHook registered on the broker sees every request once before it is processed and once after with its
 * response, however the response leaves: at once, once the store has a send, when a held pull is woken or times
 * out, or refused by the endpoint.
 */
class BrokerRpcHookTest {

    private static final int PULL_FLAGS = PullMessageRequestHeader.FLAG_SUBSCRIPTION
            | PullMessageRequestHeader.FLAG_SUSPEND;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private BrokerFixture f;
    /** Per request opaque: "before CODE", then "after CODE RESPONSE_CODE RESPONSE_OPAQUE". */
    private final Map<Integer, List<String>> calls = new ConcurrentHashMap<>();
    /** The requests as the broker decoded them, by opaque. */
    private final Map<Integer, RemotingCommand> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        f = new BrokerFixture(dir, new Properties());
        f.broker.registerRpcHook(new RpcHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                calls(request.opaque()).add("before " + request.code());
                received.put(request.opaque(), request);
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                calls(request.opaque()).add("after " + request.code() + " " + response.code() + " "
                        + response.opaque());
            }
        });
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private List<String> calls(int opaque) {
        return calls.computeIfAbsent(opaque, k -> new CopyOnWriteArrayList<>());
    }

    @Test
    void everyRequestAndResponsePassesTheHookExactlyOnce() throws Exception {
        RemotingCommand admin = RemotingCommand.request(RequestCode.GET_ALL_TOPIC_CONFIG, null);
        expectPair(admin, f.invoke(admin));
        assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());

        RemotingCommand syncSend = BrokerFixture.send("T", 0, "sync", "KEYS\u0001k1");
        RemotingCommand stored = f.invoke(syncSend);
        assertEquals(ResponseCode.SUCCESS, stored.code(), stored.remark());
        expectPair(syncSend, stored);

        RemotingCommand asyncSend = BrokerFixture.send("T", 0, "async", "");
        expectPair(asyncSend, invokeAsync(asyncSend));

        RemotingCommand onewaySend = BrokerFixture.send("T", 0, "oneway", "");
        f.client.invokeOneway(f.addr, onewaySend, 15_000);
        await().atMost(WAIT).until(() -> calls(onewaySend.opaque()).size() >= 2);
        assertEquals(List.of("before " + RequestCode.SEND_MESSAGE_V2, "after " + RequestCode.SEND_MESSAGE_V2 + " "
                + ResponseCode.SUCCESS + " " + onewaySend.opaque()), calls(onewaySend.opaque()));

        RemotingCommand batch = BrokerFixture.send("T", 0, "", "").code(RequestCode.SEND_BATCH_MESSAGE)
                .body(batchBody("b1", "b2"));
        RemotingCommand batchStored = f.invoke(batch);
        assertEquals(ResponseCode.SUCCESS, batchStored.code(), batchStored.remark());
        expectPair(batch, batchStored);

        RemotingCommand sendBack = sendBack(OffsetMessageId.decode(stored.extFields().get("msgId"))
                .commitLogOffset());
        RemotingCommand sentBack = f.invoke(sendBack);
        assertEquals(ResponseCode.SUCCESS, sentBack.code(), sentBack.remark());
        expectPair(sendBack, sentBack);

        RemotingCommand query = query("k1");
        expectPair(query, f.invoke(query));

        RemotingCommand unknown = RemotingCommand.request(9999, null);
        RemotingCommand notSupported = f.invoke(unknown);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, notSupported.code());
        expectPair(unknown, notSupported);
    }

    @Test
    void heldPullsPassTheHookWhenWokenAndWhenTheyTimeOut() throws Exception {
        assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());
        AtomicReference<RemotingCommand> woken = new AtomicReference<>();
        RemotingCommand held = BrokerFixture.pull("T", 0, 0, PULL_FLAGS, "*", 60_000);
        f.client.invokeAsync(f.addr, held, 60_000, (r, e) -> woken.set(r));
        await().atMost(WAIT).until(() -> f.broker.pullHolds().heldCount() == 1);
        assertEquals(List.of("before " + RequestCode.PULL_MESSAGE), calls(held.opaque()));
        RemotingCommand wake = BrokerFixture.send("T", 0, "wake", "");
        expectPair(wake, f.invoke(wake));
        await().atMost(WAIT).until(() -> woken.get() != null);
        assertEquals(ResponseCode.SUCCESS, woken.get().code());
        expectPair(held, woken.get());

        AtomicReference<RemotingCommand> timedOut = new AtomicReference<>();
        RemotingCommand expiring = BrokerFixture.pull("T", 0, 1, PULL_FLAGS, "*", 500);
        f.client.invokeAsync(f.addr, expiring, 30_000, (r, e) -> timedOut.set(r));
        await().atMost(WAIT).until(() -> timedOut.get() != null);
        assertEquals(ResponseCode.PULL_NOT_FOUND, timedOut.get().code());
        expectPair(expiring, timedOut.get());
    }

    @Test
    void aHeldPullWhoseReplayFailsIsAnsweredWithAnError() throws Exception {
        assertEquals(ResponseCode.SUCCESS, f.createTopic("T", 1).code());
        AtomicReference<RemotingCommand> answer = new AtomicReference<>();
        RemotingCommand held = BrokerFixture.pull("T", 0, 0, PULL_FLAGS, "*", 60_000);
        f.client.invokeAsync(f.addr, held, 60_000, (r, e) -> answer.set(r));
        await().atMost(WAIT).until(() -> f.broker.pullHolds().heldCount() == 1);
        // Spoil the request the broker holds, so that its replay throws while decoding it.
        received.get(held.opaque()).extFields().put("queueId", "not a number");
        f.invoke(BrokerFixture.send("T", 0, "wake", ""));
        await().atMost(WAIT).until(() -> answer.get() != null);
        assertEquals(ResponseCode.SYSTEM_ERROR, answer.get().code());
        assertTrue(answer.get().remark().contains("queueId"), answer.get().remark());
        expectPair(held, answer.get());
    }

    /** The hook saw {@code request} exactly once each way, with the response the client got. */
    private void expectPair(RemotingCommand request, RemotingCommand response) {
        int opaque = request.opaque();
        await().atMost(WAIT).until(() -> calls(opaque).size() >= 2);
        assertEquals(opaque, response.opaque());
        assertEquals(List.of("before " + request.code(), "after " + request.code() + " " + response.code() + " "
                + opaque), calls(opaque));
    }

    private RemotingCommand invokeAsync(RemotingCommand request) throws Exception {
        AtomicReference<RemotingCommand> answer = new AtomicReference<>();
        f.client.invokeAsync(f.addr, request, 15_000, (r, e) -> answer.set(r));
        await().atMost(WAIT).until(() -> answer.get() != null);
        return answer.get();
    }

    private static byte[] batchBody(String... bodies) {
        List<Message> messages = new ArrayList<>();
        for (String body : bodies) {
            messages.add(new Message("T", body.getBytes(StandardCharsets.UTF_8)));
        }
        ByteBuffer encoded = BatchBodyCodec.encode(messages);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static RemotingCommand sendBack(long commitLogOffset) {
        ConsumerSendMsgBackRequestHeader h = new ConsumerSendMsgBackRequestHeader();
        h.setOffset(commitLogOffset);
        h.setGroup("cg");
        h.setDelayLevel(0);
        h.setOriginTopic("T");
        h.setMaxReconsumeTimes(16);
        return RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK, h);
    }

    private static RemotingCommand query(String key) {
        QueryMessageRequestHeader h = new QueryMessageRequestHeader();
        h.setTopic("T");
        h.setKey(key);
        h.setMaxNum(32);
        h.setBeginTimestamp(0L);
        h.setEndTimestamp(Long.MAX_VALUE);
        return RemotingCommand.request(RequestCode.QUERY_MESSAGE, h);
    }
}
