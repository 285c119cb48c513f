package io.apogee.client.producer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.client.stub.StubServer;
import io.apogee.common.concurrent.NamedThreadFactory;
import io.apogee.common.message.Message;
import io.apogee.common.route.BrokerData;
import io.apogee.remoting.RPCHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.SendMessageResponseHeader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RocketMQ 4.9.8's producer settings beyond timeouts and retries, against a stub broker: retry response codes, the
 * app's async sender and callback executors, the stream request type mark and the VIP channel.
 */
class ProducerSettingsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int BUSY = 215;

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicLong offsets = new AtomicLong();
    private final List<String> requestTypes = new CopyOnWriteArrayList<>();
    private FakeNamesrv namesrv;
    private StubServer broker;

    @BeforeEach
    void setUp() {
        namesrv = new FakeNamesrv();
        broker = stubBroker();
        namesrv.putRoute("Orders", FakeNamesrv.route(2, Map.of("broker-a", Map.of(BrokerData.MASTER_ID,
                broker.address()))));
    }

    @AfterEach
    void tearDown() {
        broker.close();
        namesrv.close();
    }

    @Test
    void aSendIsRetriedOnlyOnTheRetryResponseCodes() throws Exception {
        DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("retry-codes"), namesrv.address());
        assertEquals(Set.of(ResponseCode.TOPIC_NOT_EXIST, ResponseCode.SERVICE_NOT_AVAILABLE,
                ResponseCode.SYSTEM_ERROR, ResponseCode.NO_PERMISSION, 204, 205), producer.getRetryResponseCodes());
        assertArrayEquals(new long[] {50, 100, 550, 1000, 2000, 3000, 15000}, producer.getLatencyMax());
        assertArrayEquals(new long[] {0, 0, 30000, 60000, 120000, 180000, 600000},
                producer.getNotAvailableDuration());
        producer.start();
        try {
            failuresLeft.set(1);
            MQBrokerException refused = assertThrows(MQBrokerException.class, () -> producer.send(message()));
            assertEquals(BUSY, refused.getResponseCode());
            assertEquals(1, broker.count(RequestCode.SEND_MESSAGE_V2), "not a retry code: no second attempt");

            producer.addRetryResponseCode(BUSY);
            failuresLeft.set(1);
            assertEquals(SendStatus.SEND_OK, producer.send(message()).getSendStatus());
            assertEquals(3, broker.count(RequestCode.SEND_MESSAGE_V2), "refused once, then sent again");
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void asyncSendsRunOnTheAppsSenderAndCallbackExecutors() throws Exception {
        ThreadPoolExecutor senders = (ThreadPoolExecutor) Executors.newFixedThreadPool(1,
                new NamedThreadFactory("app-sender", true));
        ExecutorService callbacks = Executors.newSingleThreadExecutor(new NamedThreadFactory("app-callback", true));
        DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("app-executors"), namesrv.address());
        producer.setAsyncSenderExecutor(senders);
        producer.setCallbackExecutor(callbacks);
        producer.start();
        try {
            AtomicReference<String> callbackThread = new AtomicReference<>();
            producer.send(message(), new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    callbackThread.set(Thread.currentThread().getName());
                }

                @Override
                public void onException(Throwable e) {
                    callbackThread.set("failed: " + e);
                }
            });
            await().atMost(WAIT).until(() -> callbackThread.get() != null);
            assertTrue(callbackThread.get().startsWith("app-callback"), callbackThread.get());
            assertEquals(1, senders.getCompletedTaskCount(), "the send ran on the app's sender executor");

            senders.shutdown();
            MQClientException rejected = assertThrows(MQClientException.class,
                    () -> producer.send(message(), new SendCallback() {
                        @Override
                        public void onSuccess(SendResult sendResult) {
                        }

                        @Override
                        public void onException(Throwable e) {
                        }
                    }));
            assertTrue(rejected.getMessage().contains("executor rejected"), rejected.getMessage());
        } finally {
            producer.shutdown();
            callbacks.shutdown();
        }
    }

    @Test
    void enableStreamRequestTypeMarksEveryRequest() throws Exception {
        DefaultMQProducer marked = ClientConfigs.using(new DefaultMQProducer("stream-marked"), namesrv.address());
        marked.setEnableStreamRequestType(true);
        DefaultMQProducer plain = ClientConfigs.using(new DefaultMQProducer("stream-plain"), namesrv.address());
        marked.start();
        plain.start();
        try {
            marked.send(message());
            plain.send(message());
        } finally {
            marked.shutdown();
            plain.shutdown();
        }
        assertEquals(List.of("0", "none"), requestTypes, "RocketMQ's ReqT field, STREAM = 0, only when enabled");
    }

    @Test
    void sendsGoToTheVipPortWhenTheVipChannelIsOn() throws Exception {
        try (StubServer vip = stubBroker()) {
            int vipPort = Integer.parseInt(vip.address().substring(vip.address().lastIndexOf(':') + 1));
            namesrv.putRoute("VipOrders", FakeNamesrv.route(1, Map.of("broker-v", Map.of(BrokerData.MASTER_ID,
                    "127.0.0.1:" + (vipPort + 2)))));
            DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("vip-sender"), namesrv.address());
            producer.setSendMessageWithVIPChannel(true);
            assertTrue(producer.isVipChannelEnabled(), "RocketMQ's alias of vipChannelEnabled");
            producer.start();
            try {
                Message msg = new Message("VipOrders", "v".getBytes(StandardCharsets.UTF_8));
                assertEquals(SendStatus.SEND_OK, producer.send(msg).getSendStatus());
                assertEquals(1, vip.count(RequestCode.SEND_MESSAGE_V2), "sent to listenPort - 2");
            } finally {
                producer.shutdown();
            }
        }
    }

    @Test
    void aHookWrittenAsRocketMqsRpcHookSeesEveryRequest() throws Exception {
        List<Integer> codes = new CopyOnWriteArrayList<>();
        RPCHook hook = new RPCHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                codes.add(request.code());
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
            }
        };
        DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("rpc-hooked", hook), namesrv.address());
        producer.start();
        try {
            producer.send(message());
        } finally {
            producer.shutdown();
        }
        assertTrue(codes.contains(RequestCode.SEND_MESSAGE_V2), codes.toString());
        assertTrue(codes.contains(RequestCode.GET_ROUTEINFO_BY_TOPIC), codes.toString());
    }

    private StubServer stubBroker() {
        return new StubServer()
                .on(RequestCode.SEND_MESSAGE_V2, (channel, request) -> store(request))
                .on(RequestCode.HEART_BEAT, (channel, request) -> RemotingCommand.response(ResponseCode.SUCCESS, null))
                .on(RequestCode.UNREGISTER_CLIENT, (channel, request) -> RemotingCommand.response(ResponseCode.SUCCESS,
                        null))
                .start();
    }

    private RemotingCommand store(RemotingCommand request) {
        String type = request.extFields().get("ReqT");
        requestTypes.add(type == null ? "none" : type);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return RemotingCommand.response(BUSY, "busy, try again");
        }
        SendMessageResponseHeader answer = new SendMessageResponseHeader();
        answer.setMsgId(String.format("7F00000100002A9F%016X", offsets.get() * 100));
        answer.setQueueId(0);
        answer.setQueueOffset(offsets.getAndIncrement());
        return RemotingCommand.response(answer);
    }

    private static Message message() {
        return new Message("Orders", "o".getBytes(StandardCharsets.UTF_8));
    }
}
