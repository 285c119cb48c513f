package io.apogee.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message's properties are one thing: a stored string until the map is needed, the map from then on. */
class MessagePropertiesTest {

    private static final String BATCH_STORED = "KEYS\u0001KB0\u0002WAIT\u0001true\u0002TAGS\u0001TagB"
            + "\u0002WAIT\u0001false\u0002CLUSTER\u0001C";

    @Test
    void aStoredStringIsReadInPlaceAndStoredAsGiven() {
        MessageExt m = new MessageExt();
        m.setPropertiesString(BATCH_STORED);
        assertEquals("TagB", m.getTags());
        assertEquals("KB0", m.getKeys());
        assertFalse(m.isWaitStoreMsgOK(), "the last WAIT decides, as when the string is decoded");
        assertEquals("false", m.getProperties().get("WAIT"));
        m.setPropertiesString(BATCH_STORED);
        assertTrue(m.toString().contains("TagB"));
        assertEquals(new MessageExt(), new MessageExt());
        assertEquals(BATCH_STORED, m.getPropertiesString(), "reading, printing or comparing changes nothing");
    }

    @Test
    void changingAPropertyMakesTheMapThePropertiesAndTheStringFollows() {
        MessageExt m = new MessageExt();
        m.setPropertiesString("TAGS\u0001A\u0002DELAY\u00013");
        m.putProperty(MessageProperty.REAL_TOPIC, "T");
        m.putProperty(MessageProperty.DELAY_TIME_LEVEL, null);
        assertEquals("TAGS\u0001A\u0002REAL_TOPIC\u0001T", m.getPropertiesString());
        m.getProperties().put("x", "y");
        assertEquals("TAGS\u0001A\u0002REAL_TOPIC\u0001T\u0002x\u0001y", m.getPropertiesString());
        m.setPropertiesString(null);
        assertEquals(Map.of(), m.getProperties());
        assertEquals("", m.getPropertiesString());
    }

    @Test
    void theWaitInstructionOfAnAppendIsNotAStoredProperty() {
        MessageExt m = new MessageExt();
        m.setPropertiesString("TAGS\u0001A");
        assertTrue(m.isWaitStoreMsgOK());
        m.setAppendWaitsForFlush(false);
        assertFalse(m.isWaitStoreMsgOK());
        assertEquals("TAGS\u0001A", m.getPropertiesString());
        Message sent = new Message("T", new byte[0]);
        assertTrue(sent.isWaitStoreMsgOK());
        assertNull(sent.getProperty(MessageProperty.WAIT_STORE_MSG_OK));
    }

    @Test
    void findReadsWhatDecodeWouldMap() {
        String text = "A\u0001first\u0002B\u0001\u0002\u0001x\u0002A\u0001second\u0002C\u0001c\u0002";
        Map<String, String> decoded = PropertiesCodec.decode(text);
        for (String name : new String[] {"A", "B", "C", "D", ""}) {
            assertEquals(decoded.get(name), name.isEmpty() ? null : PropertiesCodec.find(text, name), name);
        }
    }

    @Test
    void aDecodedRecordKeepsItsPropertiesStringByteForByte() {
        MessageExt m = new MessageExt();
        m.setTopic("T");
        m.setBody(new byte[] {1});
        m.setPropertiesString(BATCH_STORED);
        m.setBornHost(new InetSocketAddress("127.0.0.1", 1));
        m.setStoreHost(new InetSocketAddress("127.0.0.1", 2));
        ByteBuffer record = StoredMessageCodec.encode(m);
        MessageExt decoded = StoredMessageCodec.decode(record, true);
        assertEquals(BATCH_STORED, decoded.getPropertiesString());
        assertEquals("C", decoded.getProperty(MessageProperty.CLUSTER));
    }

    @Test
    void batchParseFailuresSayWhatIsWrong() {
        ByteBuffer negativeProperties = ByteBuffer.allocate(22).putInt(22).putInt(0).putInt(0).putInt(0).putInt(0)
                .putShort((short) -1).flip();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchBodyCodec.decode(negativeProperties));
        assertTrue(e.getMessage().contains("properties of -1 bytes"), e.getMessage());
        ByteBuffer bodyTooLong = ByteBuffer.allocate(22).putInt(22).putInt(0).putInt(0).putInt(0).putInt(9)
                .putShort((short) 0).flip();
        e = assertThrows(IllegalArgumentException.class, () -> BatchBodyCodec.decode(bodyTooLong));
        assertTrue(e.getMessage().contains("body length of 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchBodyCodec.decode(ByteBuffer.allocate(5)));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    }

    @Test
    void offsetMessageIdsAreUpperCaseHexOfHostPortAndOffset() {
        assertEquals("7F000001000051AF0000000000000000",
                OffsetMessageId.encode(new InetSocketAddress("127.0.0.1", 20911), 0));
        assertEquals("7F000001000051AF00000000000004F9",
                OffsetMessageId.encode(new InetSocketAddress("127.0.0.1", 20911), 1273));
        assertEquals(1273, OffsetMessageId.decode("7F000001000051AF00000000000004F9").commitLogOffset());
    }
}
