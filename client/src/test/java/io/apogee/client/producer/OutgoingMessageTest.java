package io.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.MQClientException;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.SysFlag;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutgoingMessageTest {

    @Test
    void singleMessagesGetUniqueIdsAndLargeBodiesAreCompressed() {
        Message small = new Message("T", "x".getBytes());
        OutgoingMessage out = OutgoingMessage.single(small, 4096);
        assertEquals(32, out.uniqueIds().length());
        assertEquals(0, out.sysFlag());
        assertTrue(out.properties().contains(MessageProperty.UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
        Message big = new Message("T", "y".repeat(5000).getBytes());
        OutgoingMessage packed = OutgoingMessage.single(big, 4096);
        assertEquals(SysFlag.COMPRESSED | 0x300, packed.sysFlag());
        assertTrue(packed.body().length < 5000);
        assertEquals(5000, big.getBody().length, "the caller's body is left alone");
        assertNotEquals(out.uniqueIds(), packed.uniqueIds());
    }

    @Test
    void batchesCheckTheirMessages() throws MQClientException {
        OutgoingMessage batch = OutgoingMessage.batch(List.of(new Message("T", "a".getBytes()),
                new Message("T", "b".getBytes())));
        assertTrue(batch.batch());
        assertEquals(2, batch.uniqueIds().split(",").length);
        assertThrows(MQClientException.class, () -> OutgoingMessage.batch(List.of(new Message("T", "a".getBytes()),
                new Message("U", "b".getBytes()))));
        Message delayed = new Message("T", "d".getBytes());
        delayed.putProperty(MessageProperty.DELAY_TIME_LEVEL, "3");
        assertThrows(MQClientException.class, () -> OutgoingMessage.batch(List.of(delayed)));
        assertThrows(MQClientException.class, () -> OutgoingMessage.batch(List.of(
                new Message("%RETRY%g", "r".getBytes()))));
        assertThrows(MQClientException.class, () -> OutgoingMessage.batch(List.of()));
    }
}
