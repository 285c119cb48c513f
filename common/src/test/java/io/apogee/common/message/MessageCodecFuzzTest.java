package io.apogee.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets of the stored-message, batch-body and properties codecs (README "Fuzzing"). Any input either decodes
 * or is refused with an {@link IllegalArgumentException} that says why; what decodes encodes to bytes that decode to
 * the same value.
 */
class MessageCodecFuzzTest {

    /** Records back to back, as a pull, query or view body carries them. */
    @FuzzTest
    void storedMessages(byte[] input) {
        List<MessageExt> decoded;
        try {
            decoded = StoredMessageCodec.decodeAll(ByteBuffer.wrap(input));
        } catch (IllegalArgumentException e) {
            assertRefusalSaysWhy(e);
            return;
        }
        for (MessageExt m : decoded) {
            if (fitsARecord(m)) {
                assertSameRecord(m, StoredMessageCodec.decode(StoredMessageCodec.encode(m), true));
            }
        }
    }

    /** A SEND_BATCH_MESSAGE body. */
    @FuzzTest
    void batchBody(byte[] input) {
        List<BatchBodyCodec.Entry> entries;
        try {
            entries = BatchBodyCodec.decode(ByteBuffer.wrap(input));
        } catch (IllegalArgumentException e) {
            assertRefusalSaysWhy(e);
            return;
        }
        List<Message> messages = new ArrayList<>();
        for (BatchBodyCodec.Entry entry : entries) {
            Message m = new Message();
            m.setFlag(entry.flag());
            m.setBody(entry.body());
            m.setProperties(PropertiesCodec.decode(entry.properties()));
            if (PropertiesCodec.encode(m.getProperties()).getBytes(StandardCharsets.UTF_8).length > Short.MAX_VALUE) {
                return;
            }
            messages.add(m);
        }
        List<BatchBodyCodec.Entry> again = BatchBodyCodec.decode(BatchBodyCodec.encode(messages));
        assertEquals(entries.size(), again.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(entries.get(i).flag(), again.get(i).flag());
            assertArrayEquals(entries.get(i).body(), again.get(i).body());
            assertEquals(PropertiesCodec.decode(entries.get(i).properties()),
                    PropertiesCodec.decode(again.get(i).properties()));
        }
    }

    /** A properties string (any text decodes; the map encodes to a string that decodes to the same map). */
    @FuzzTest
    void properties(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        var decoded = PropertiesCodec.decode(text);
        assertEquals(decoded, PropertiesCodec.decode(PropertiesCodec.encode(decoded)));
        decoded.forEach((name, value) -> assertEquals(value, PropertiesCodec.find(text, name), name));
    }

    private static void assertRefusalSaysWhy(IllegalArgumentException e) {
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal says why: " + e);
    }

    /** Whether the topic and properties still fit their length fields once re-encoded as UTF-8. */
    private static boolean fitsARecord(MessageExt m) {
        return m.getTopic().getBytes(StandardCharsets.UTF_8).length <= StoredMessageCodec.MAX_TOPIC_LENGTH
                && m.getPropertiesString().getBytes(StandardCharsets.UTF_8).length
                <= StoredMessageCodec.MAX_PROPERTIES_LENGTH;
    }

    private static void assertSameRecord(MessageExt expected, MessageExt actual) {
        assertEquals(expected.getTopic(), actual.getTopic());
        assertArrayEquals(expected.getBody(), actual.getBody());
        assertEquals(expected.getBodyCRC(), actual.getBodyCRC());
        assertEquals(expected.getQueueId(), actual.getQueueId());
        assertEquals(expected.getFlag(), actual.getFlag());
        assertEquals(expected.getQueueOffset(), actual.getQueueOffset());
        assertEquals(expected.getCommitLogOffset(), actual.getCommitLogOffset());
        assertEquals(expected.getSysFlag(), actual.getSysFlag());
        assertEquals(expected.getBornTimestamp(), actual.getBornTimestamp());
        assertEquals(expected.getBornHost(), actual.getBornHost());
        assertEquals(expected.getStoreTimestamp(), actual.getStoreTimestamp());
        assertEquals(expected.getStoreHost(), actual.getStoreHost());
        assertEquals(expected.getReconsumeTimes(), actual.getReconsumeTimes());
        assertEquals(expected.getPreparedTransactionOffset(), actual.getPreparedTransactionOffset());
        assertEquals(expected.getPropertiesString(), actual.getPropertiesString());
    }
}
