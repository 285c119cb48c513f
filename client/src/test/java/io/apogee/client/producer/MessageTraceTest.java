package io.apogee.client.producer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.consumer.DefaultMQPushConsumer;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.stub.ClientConfigs;
import io.apogee.client.stub.FakeBroker;
import io.apogee.client.stub.FakeNamesrv;
import io.apogee.client.stub.StubServer;
import io.apogee.common.consumer.ConsumeFromWhere;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.route.BrokerData;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.remoting.protocol.header.SendMessageResponseHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enableMsgTrace}: a traced send stores a {@code Pub} record, a traced consumption {@code SubBefore} and
 * {@code SubAfter} records, in RocketMQ 4.9.8's layout, in the trace topic, keyed by the message id and keys.
 */
class MessageTraceTest {

    private static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";

    /** A message a stub broker stored: topic, properties and body. */
    private record Stored(String topic, Map<String, String> properties, String body) {
    }

    @TempDir
    Path dir;
    private final List<Stored> stored = new CopyOnWriteArrayList<>();
    private final AtomicLong offsets = new AtomicLong();
    private FakeNamesrv namesrv;
    private StubServer sendBroker;
    private FakeBroker pullBroker;

    @BeforeEach
    void setUp() {
        namesrv = new FakeNamesrv();
        sendBroker = new StubServer()
                .on(RequestCode.SEND_MESSAGE_V2, (channel, request) -> store(request))
                .on(RequestCode.HEART_BEAT, (channel, request) -> RemotingCommand.response(ResponseCode.SUCCESS, null))
                .on(RequestCode.UNREGISTER_CLIENT, (channel, request) -> RemotingCommand.response(ResponseCode.SUCCESS,
                        null))
                .start();
        pullBroker = new FakeBroker("broker-b");
        var sendRoute = FakeNamesrv.route(1, Map.of("broker-a", Map.of(BrokerData.MASTER_ID, sendBroker.address())));
        namesrv.putRoute(TRACE_TOPIC, sendRoute);
        namesrv.putRoute("Orders", sendRoute);
        namesrv.putRoute("Consumed", FakeNamesrv.route(1, pullBroker));
    }

    @AfterEach
    void tearDown() {
        pullBroker.close();
        sendBroker.close();
        namesrv.close();
    }

    @Test
    void aTracedSendStoresAPubRecordKeyedByIdAndKeys() throws Exception {
        DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("traced-producer", true),
                namesrv.address());
        producer.start();
        try {
            Message msg = new Message("Orders", "TagA", "order-1 order-2", "hello".getBytes(StandardCharsets.UTF_8));
            SendResult result = producer.send(msg);

            Stored trace = awaitTrace(1).get(0);
            String[] f = onlyRecord(trace.body());
            assertEquals(14, f.length, Arrays.toString(f));
            assertEquals("Pub", f[0]);
            assertTrue(Long.parseLong(f[1]) > 0);
            assertEquals("DefaultRegion", f[2]);
            assertEquals("traced-producer", f[3]);
            assertEquals("Orders", f[4]);
            assertEquals(result.getMsgId(), f[5]);
            assertEquals("TagA", f[6]);
            assertEquals("order-1 order-2", f[7]);
            assertEquals(sendBroker.address(), f[8]);
            assertEquals("5", f[9]);
            assertTrue(Integer.parseInt(f[10]) >= 0);
            assertEquals("0", f[11]);
            assertEquals(result.getOffsetMsgId(), f[12]);
            assertEquals("true", f[13]);
            assertEquals(Set.of(result.getMsgId(), "order-1", "order-2"),
                    Set.of(trace.properties().get(MessageProperty.KEYS).split(" ")));
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void aSendSucceedsWhenTracesCannotBeStored() throws Exception {
        namesrv.removeRoute(TRACE_TOPIC);
        DefaultMQProducer producer = ClientConfigs.using(new DefaultMQProducer("untraceable", true, TRACE_TOPIC),
                namesrv.address());
        producer.start();
        try {
            for (int i = 0; i < 3; i++) {
                SendResult result = producer.send(new Message("Orders", "x".getBytes(StandardCharsets.UTF_8)));
                assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            }
        } finally {
            producer.shutdown();
        }
        assertEquals(3, stored.stream().filter(s -> s.topic().equals("Orders")).count());
        assertTrue(stored.stream().noneMatch(s -> s.topic().equals(TRACE_TOPIC)));
    }

    @Test
    void aTracedConsumptionStoresSubBeforeAndSubAfterRecords() throws Exception {
        DefaultMQPushConsumer consumer = ClientConfigs.using(new DefaultMQPushConsumer("traced-consumer", true),
                namesrv.address());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setRebalanceInterval(500);
        consumer.setLocalOffsetStoreDir(dir.toString());
        consumer.subscribe("Consumed", "*");
        consumer.registerMessageListener(
                (MessageListenerConcurrently) (msgs, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        pullBroker.append("Consumed", 0, "TagB", 1);
        consumer.start();
        try {

            List<String[]> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                records.clear();
                stored.stream().filter(s -> s.topic().equals(TRACE_TOPIC)).forEach(s -> records.addAll(records(s)));
                return records.size() >= 2;
            });
            String[] before = records.stream().filter(r -> r[0].equals("SubBefore")).findFirst().orElseThrow();
            String[] after = records.stream().filter(r -> r[0].equals("SubAfter")).findFirst().orElseThrow();
            assertEquals(8, before.length, Arrays.toString(before));
            assertEquals("traced-consumer", before[3]);
            String msgId = before[5];
            assertEquals(32, before[4].length(), "request id " + before[4]);
            assertEquals("0", before[6]);
            assertEquals("null", before[7]);
            assertEquals(9, after.length, Arrays.toString(after));
            assertEquals(before[4], after[1]);
            assertEquals(msgId, after[2]);
            assertTrue(Integer.parseInt(after[3]) >= 0);
            assertEquals("true", after[4]);
            assertEquals("0", after[6]);
            assertTrue(Long.parseLong(after[7]) >= Long.parseLong(before[1]));
            assertEquals("traced-consumer", after[8]);
        } finally {
            consumer.shutdown();
        }
    }

    private RemotingCommand store(RemotingCommand request) throws Exception {
        SendMessageRequestHeader header = request.decodeHeader(SendMessageRequestHeaderV2.class).toV1();
        stored.add(new Stored(header.getTopic(), PropertiesCodec.decode(header.getProperties()),
                new String(request.body(), StandardCharsets.UTF_8)));
        SendMessageResponseHeader answer = new SendMessageResponseHeader();
        answer.setMsgId(String.format("7F00000100002A9F%016X", offsets.get() * 100));
        answer.setQueueId(0);
        answer.setQueueOffset(offsets.getAndIncrement());
        return RemotingCommand.response(answer).addExtField(MessageProperty.MSG_REGION, "DefaultRegion")
                .addExtField(MessageProperty.TRACE_SWITCH, "true");
    }

    private List<Stored> awaitTrace(int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stored.stream().filter(s -> s.topic().equals(TRACE_TOPIC)).count() >= count);
        return stored.stream().filter(s -> s.topic().equals(TRACE_TOPIC)).toList();
    }

    private static List<String[]> records(Stored trace) {
        assertTrue(trace.body().endsWith(String.valueOf(TraceEncoder.RECORD_END)), trace.body());
        return Arrays.stream(trace.body().split(String.valueOf(TraceEncoder.RECORD_END)))
                .map(r -> r.split(String.valueOf(TraceEncoder.FIELD_SEPARATOR), -1)).toList();
    }

    private static String[] onlyRecord(String body) {
        List<String[]> all = records(new Stored(TRACE_TOPIC, Map.of(), body));
        assertEquals(1, all.size(), body);
        return all.get(0);
    }
}
