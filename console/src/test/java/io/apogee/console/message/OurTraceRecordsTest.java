package io.apogee.console.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import io.apogee.client.producer.SendResult;
import io.apogee.client.producer.SendStatus;
import io.apogee.client.producer.TraceEncoder;
import io.apogee.client.producer.TraceRecord;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The trace records our client writes (producer and push consumer) read back into the Message trace page's events. */
class OurTraceRecordsTest {

    @Test
    void aTracedSendAndConsumptionBecomeOneSentAndOneConsumedEvent() {
        Message sent = new Message("OrderTopic", "paid", "order-7", "{}".getBytes(StandardCharsets.UTF_8));
        SendResult result = new SendResult(SendStatus.SEND_OK, "MSGID1", "OFFSETID1", new MessageQueue("OrderTopic",
                "broker-a", 0), 3);
        result.setRegionId("DefaultRegion");
        List<TraceRecord> records = new ArrayList<>();
        records.add(TraceEncoder.pub("OrderProducer", sent, 2, "127.0.0.1:10911", 1_000, result));

        MessageExt consumed = new MessageExt();
        consumed.setTopic("OrderTopic");
        consumed.putProperty(MessageProperty.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "MSGID1");
        consumed.putProperty(MessageProperty.KEYS, "order-7");
        records.addAll(TraceEncoder.subBefore("OrderConsumer", 2_000, "REQ1", List.of(consumed)));
        records.addAll(TraceEncoder.subAfter("OrderConsumer", 2_000, 2_030, "REQ1", List.of(consumed), true, 0));

        MessageExt trace = new MessageExt();
        trace.setBody(records.stream().map(TraceRecord::data).collect(Collectors.joining())
                .getBytes(StandardCharsets.UTF_8));
        trace.setBornHost(new InetSocketAddress("10.0.0.9", 40000));
        List<JSONObject> events = TraceRecords.events(TraceRecords.about(trace, "MSGID1"));

        assertEquals(2, events.size(), events::toString);
        JSONObject pub = events.get(0);
        assertEquals("Pub", pub.getString("type"));
        assertEquals("OrderProducer", pub.getString("group"));
        assertEquals("OrderTopic", pub.getString("topic"));
        assertEquals("paid", pub.getString("tags"));
        assertEquals("order-7", pub.getString("keys"));
        assertEquals("OFFSETID1", pub.getString("offsetMsgId"));
        assertTrue(pub.getBooleanValue("success"));
        JSONObject sub = events.get(1);
        assertEquals("OrderConsumer", sub.getString("group"));
        assertEquals(30L, sub.getLong("costTime"), sub::toString);
        assertTrue(sub.getBooleanValue("success"), sub::toString);
        assertTrue(records.get(0).keys().contains("MSGID1"), "the trace message is keyed by the traced msg id");
    }
}
