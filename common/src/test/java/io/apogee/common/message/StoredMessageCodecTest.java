package io.apogee.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredMessageCodecTest {

    private static final String UNIQ = "FD000000000000000000000000000002211A30946E0975626BBA0000";

    /** The first message of a captured pull body (message-format.md §1). */
    static MessageExt capturedMessage() throws Exception {
        MessageExt m = new MessageExt();
        m.setTopic("ProtoTopic");
        m.setBody("hello-0".getBytes(StandardCharsets.UTF_8));
        m.setBodyCRC(StoredMessageCodec.bodyCrc(m.getBody()));
        m.setQueueId(1);
        m.setBornTimestamp(1795460584378L);
        m.setBornHost(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 55546));
        m.setStoreTimestamp(1795460584404L);
        m.setStoreHost(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 20911));
        m.setKeys("K1 K2");
        m.putProperty(MessageProperty.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, UNIQ);
        m.putProperty(MessageProperty.CLUSTER, "ProtoCluster");
        m.setTags("TagA");
        return m;
    }

    @Test
    void encodesTheCapturedRecordByteForByte() throws Exception {
        ByteBuffer buf = StoredMessageCodec.encode(capturedMessage());
        String expectedHeader = "000000d7daa320a7154677bc000000010000000000000000000000000000000000000000"
                + "00000000000001a209ca53ba7f000001 0000d8fa000001a209ca53d47f000001000051af"
                + "00000000" + "0000000000000000" + "00000007";
        byte[] header = new byte[88];
        buf.get(0, header);
        assertEquals(expectedHeader.replace(" ", ""), HexFormat.of().formatHex(header));
        assertEquals(215, buf.remaining());
        assertEquals(0x154677BC, buf.getInt(8));
        assertEquals(10, buf.get(88 + 7));
        assertEquals(0x6b, buf.getShort(88 + 7 + 1 + 10));
        String props = new String(buf.array(), 88 + 7 + 1 + 10 + 2, 0x6b, StandardCharsets.UTF_8);
        assertEquals("KEYS\u0001K1 K2\u0002UNIQ_KEY\u0001" + UNIQ + "\u0002CLUSTER\u0001ProtoCluster\u0002TAGS\u0001TagA",
                props);
    }

    @Test
    void decodeRoundTripsEveryField() throws Exception {
        MessageExt in = capturedMessage();
        in.setQueueOffset(7);
        in.setCommitLogOffset(4096);
        in.setReconsumeTimes(2);
        in.setPreparedTransactionOffset(99);
        in.setFlag(5);
        ByteBuffer buf = StoredMessageCodec.encode(in);
        ByteBuffer two = ByteBuffer.allocate(buf.remaining() * 2).put(buf.duplicate()).put(buf.duplicate()).flip();
        List<MessageExt> out = StoredMessageCodec.decodeAll(two);
        assertEquals(2, out.size());
        MessageExt m = out.get(0);
        assertEquals(in, m);
        assertEquals(215, m.getStoreSize());
        assertEquals(7, m.getQueueOffset());
        assertEquals(4096, m.getCommitLogOffset());
        assertEquals(2, m.getReconsumeTimes());
        assertEquals(99, m.getPreparedTransactionOffset());
        assertEquals(in.getBornHost(), m.getBornHost());
        assertEquals(in.getStoreHost(), m.getStoreHost());
        assertEquals(in.getStoreTimestamp(), m.getStoreTimestamp());
        assertEquals(UNIQ, m.getMsgId());
        assertEquals("7F000001000051AF0000000000001000", m.getOffsetMsgId());
        assertArrayEquals(StoredMessageCodec.encode(m).array(), StoredMessageCodec.encode(in).array());
    }

    @Test
    void ipv6HostsSetTheirFlagsAndTwentyByteFields() throws Exception {
        MessageExt m = capturedMessage();
        m.setBornHost(new InetSocketAddress(InetAddress.getByName("fd00::2"), 1234));
        assertEquals(SysFlag.BORNHOST_V6, m.getSysFlag());
        ByteBuffer buf = StoredMessageCodec.encode(m);
        assertEquals(215 + 12, buf.remaining());
        assertEquals(m.getStoreTimestamp(), buf.getLong(StoredMessageCodec.storeTimestampPosition(m.getSysFlag())));
        assertEquals(m.getBornHost(), StoredMessageCodec.decode(buf, false).getBornHost());
    }

    @Test
    void rejectsABlankRecordAndACutOne() throws Exception {
        ByteBuffer blank = ByteBuffer.allocate(8).putInt(0, 100).putInt(4, StoredMessageCodec.BLANK_MAGIC);
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(blank, true));
        ByteBuffer cut = StoredMessageCodec.encode(capturedMessage()).limit(100);
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(cut, true));
    }

    /** Fuzz findings (MessageCodecFuzzTest#storedMessages): lengths that do not fit the record are refused, saying so. */
    @Test
    void refusesLengthsThatDoNotFitTheRecord() throws Exception {
        ByteBuffer record = StoredMessageCodec.encode(capturedMessage());
        int bodyLengthAt = StoredMessageCodec.storeTimestampPosition(0) + 8 + 8 + 4 + 8;
        for (int bad : new int[] {-1, Integer.MAX_VALUE, record.remaining()}) {
            ByteBuffer copy = ByteBuffer.wrap(record.array().clone()).putInt(bodyLengthAt, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StoredMessageCodec.decode(copy, true));
            assertEquals("record at 0 of size 215 has a body length of " + bad + " that does not fit the record",
                    e.getMessage());
        }
        ByteBuffer shortRecord = ByteBuffer.wrap(record.array().clone()).putInt(0, 40);
        assertEquals("record at 0 of size 40 is shorter than its fixed fields",
                assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(shortRecord, true))
                        .getMessage());
        ByteBuffer topicTooLong = ByteBuffer.wrap(record.array().clone()).put(bodyLengthAt + 4 + 7, (byte) 127);
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(topicTooLong, true));
    }

    /** Fuzz finding: an IPv4-mapped address in an IPv6 slot decodes to an IPv4 host and must encode the same bytes. */
    @Test
    void anIpv4MappedHostInAnIpv6SlotEncodesBackToTheSameBytes() throws Exception {
        MessageExt m = capturedMessage();
        m.setStoreHost(new InetSocketAddress(InetAddress.getByName("fd00::1"), 20911));
        ByteBuffer record = StoredMessageCodec.encode(m);
        int storeHostAt = StoredMessageCodec.storeTimestampPosition(m.getSysFlag()) + 8;
        record.put(storeHostAt, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 0, 0, 1});
        MessageExt decoded = StoredMessageCodec.decode(record.duplicate(), true);
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 20911), decoded.getStoreHost());
        assertArrayEquals(record.array(), StoredMessageCodec.encode(decoded).array());
    }
}
