package io.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/** RocketMQ's static SendResult JSON helpers: RocketMQ's field names, and a round trip. */
class SendResultJsonTest {

    @Test
    void encodesWithRocketMqsFieldNamesAndDecodesBack() {
        SendResult sent = new SendResult(SendStatus.FLUSH_SLAVE_TIMEOUT, "7F000001ABCD", "C0A8000100002A9F",
                new MessageQueue("Orders", "broker-a", 3), 42);
        sent.setTransactionId("tx-1");

        String json = SendResult.encoderSendResultToJson(sent);
        for (String field : new String[] {"\"sendStatus\":\"FLUSH_SLAVE_TIMEOUT\"", "\"msgId\":\"7F000001ABCD\"",
                "\"offsetMsgId\":\"C0A8000100002A9F\"", "\"queueOffset\":42", "\"brokerName\":\"broker-a\""}) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        SendResult back = SendResult.decoderSendResultFromJson(json);
        assertEquals(SendStatus.FLUSH_SLAVE_TIMEOUT, back.getSendStatus());
        assertEquals("7F000001ABCD", back.getMsgId());
        assertEquals(new MessageQueue("Orders", "broker-a", 3), back.getMessageQueue());
        assertEquals(42, back.getQueueOffset());
        assertEquals("tx-1", back.getTransactionId());
    }
}
