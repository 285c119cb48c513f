package io.apogee.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RocketMQ's {@code MessageBatch}: its checks, with RocketMQ's messages, and its body. */
class MessageBatchTest {

    @Test
    void aBatchOfOneTopicEncodesItsMessagesAsTheBatchBody() {
        List<Message> msgs = List.of(message("T", "a"), message("T", "b"));
        MessageBatch batch = MessageBatch.generateFromList(msgs);
        assertEquals("T", batch.getTopic());
        assertTrue(batch.isWaitStoreMsgOK());
        List<Message> iterated = new ArrayList<>();
        batch.forEach(iterated::add);
        assertEquals(msgs, iterated);
        ByteBuffer expected = BatchBodyCodec.encode(msgs);
        byte[] body = new byte[expected.remaining()];
        expected.get(body);
        assertArrayEquals(body, batch.encode());
        assertThrows(UnsupportedOperationException.class, () -> batch.messages().add(message("T", "c")));
    }

    @Test
    void whatCannotBeBatchedIsRefusedWithRocketMqsMessages() {
        Message delayed = message("T", "d");
        delayed.setDelayTimeLevel(2);
        assertEquals("TimeDelayLevel is not supported for batching", assertThrows(
                UnsupportedOperationException.class, () -> MessageBatch.generateFromList(List.of(delayed)))
                .getMessage());
        assertEquals("Retry Group is not supported for batching", assertThrows(UnsupportedOperationException.class,
                () -> MessageBatch.generateFromList(List.of(message("%RETRY%g", "r")))).getMessage());
        assertEquals("The topic of the messages in one batch should be the same", assertThrows(
                UnsupportedOperationException.class,
                () -> MessageBatch.generateFromList(List.of(message("T", "a"), message("U", "b")))).getMessage());
        Message noWait = message("T", "w");
        noWait.setWaitStoreMsgOK(false);
        assertTrue(assertThrows(UnsupportedOperationException.class,
                () -> MessageBatch.generateFromList(List.of(message("T", "a"), noWait))).getMessage()
                .contains("waitStoreMsgOK"));
        assertThrows(IllegalArgumentException.class, () -> MessageBatch.generateFromList(List.of()));
    }

    private static Message message(String topic, String body) {
        return new Message(topic, body.getBytes(StandardCharsets.UTF_8));
    }
}
