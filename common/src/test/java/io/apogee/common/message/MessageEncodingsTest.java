package io.apogee.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageEncodingsTest {

    @Test
    void propertiesEncodeWithoutTrailingSeparatorAndDecodeLeniently() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("KEYS", "a b");
        map.put("skip", null);
        map.put("TAGS", "T");
        assertEquals("KEYS\u0001a b\u0002TAGS\u0001T", PropertiesCodec.encode(map));
        Map<String, String> decoded = PropertiesCodec.decode("KEYS\u0001a b\u0002EMPTY\u0001\u0002\u0001x\u0002TAGS\u0001T\u0002");
        assertEquals(Map.of("KEYS", "a b", "TAGS", "T"), decoded);
        assertEquals("T", PropertiesCodec.find("KEYS\u0001a b\u0002TAGS\u0001T", "TAGS"));
        assertNull(PropertiesCodec.find("KEYS\u0001a b\u0002XTAGS\u0001T", "TAGS"));
    }

    @Test
    void offsetMessageIdMatchesTheCapturedText() throws Exception {
        InetSocketAddress host = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 20911);
        assertEquals("7F000001000051AF0000000000000000", OffsetMessageId.encode(host, 0));
        OffsetMessageId id = OffsetMessageId.decode("7F000001000051AF0000000000000800");
        assertEquals(host, id.storeHost());
        assertEquals(2048, id.commitLogOffset());
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("fd00::2"), 10911);
        String text = OffsetMessageId.encode(v6, 77);
        assertEquals(56, text.length());
        assertEquals(new OffsetMessageId(v6, 77), OffsetMessageId.decode(text));
        assertThrows(IllegalArgumentException.class, () -> OffsetMessageId.decode("ABC"));
    }

    @Test
    void rocketMqStyleConstructorsSetTagsAndKeys() {
        Message m = new Message("T", "TagA", "k1 k2", new byte[] {1});
        assertEquals("TagA", m.getTags());
        assertEquals("k1 k2", m.getKeys());
        Message untagged = new Message("T", null, new byte[0]);
        assertEquals(null, untagged.getTags());
        assertEquals("T", untagged.getTopic());
    }

    @Test
    void tagHashIsStringHashCode() {
        assertEquals(2598919, TagHash.of("TagA"));
        assertEquals(2598944, TagHash.of("TagZ"));
        assertEquals(0, TagHash.of(null));
        assertEquals((long) "negative-hash-tag-xyz".hashCode(), TagHash.of("negative-hash-tag-xyz"));
    }

    @Test
    void batchBodyDecodesTheCapturedEntryLayout() {
        String props = "KEYS\u0001KB0\u0002WAIT\u0001true\u0002TAGS\u0001TagB";
        byte[] p = props.getBytes(StandardCharsets.UTF_8);
        ByteBuffer captured = ByteBuffer.allocate(22 + 7 + p.length);
        captured.putInt(22 + 7 + p.length).putInt(0).putInt(0).putInt(0).putInt(7)
                .put("batch-0".getBytes(StandardCharsets.UTF_8)).putShort((short) p.length).put(p).flip();
        assertEquals("00000039000000000000000000000000", HexFormat.of().formatHex(captured.array(), 0, 16));
        List<BatchBodyCodec.Entry> entries = BatchBodyCodec.decode(captured.duplicate());
        assertEquals(1, entries.size());
        assertArrayEquals("batch-0".getBytes(StandardCharsets.UTF_8), entries.get(0).body());
        assertEquals(props, entries.get(0).properties());

        Message m1 = new Message("T", new byte[] {1, 2});
        m1.setTags("x");
        Message m2 = new Message("T", new byte[0]);
        m2.setFlag(3);
        List<BatchBodyCodec.Entry> round = BatchBodyCodec.decode(BatchBodyCodec.encode(List.of(m1, m2)));
        assertEquals(2, round.size());
        assertEquals("TAGS\u0001x", round.get(0).properties());
        assertEquals(3, round.get(1).flag());
        ByteBuffer bad = ByteBuffer.allocate(8).putInt(0, 500);
        assertThrows(IllegalArgumentException.class, () -> BatchBodyCodec.decode(bad));
    }

    @Test
    void messageKeyListAndWaitDefaults() {
        Message m = new Message("T", new byte[0]);
        m.setKeys(List.of("k1", "k2"));
        assertEquals(List.of("k1", "k2"), m.getKeyList());
        assertEquals(true, m.isWaitStoreMsgOK());
        m.putProperty(MessageProperty.WAIT_STORE_MSG_OK, "false");
        assertEquals(false, m.isWaitStoreMsgOK());
        m.putProperty(MessageProperty.DELAY_TIME_LEVEL, "3");
        assertEquals(3, m.getDelayTimeLevel());
    }
}
