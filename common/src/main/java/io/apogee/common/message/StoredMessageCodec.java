package io.apogee.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * RocketMQ's stored message layout (message-format.md §1), big-endian: the same bytes in the commit log and in pull,
 * query and view response bodies. Encoding writes with absolute puts straight into the destination buffer.
 */
public final class StoredMessageCodec {

    /** MAGICCODE of a message record. */
    public static final int MESSAGE_MAGIC = 0xDAA320A7;
    /** MAGICCODE of the end-of-file filler written when a record does not fit a commit-log file. */
    public static final int BLANK_MAGIC = 0xCBD43194;
    /** Length of the BLANK filler header: TOTALSIZE + MAGICCODE. */
    public static final int BLANK_HEADER_LENGTH = 8;
    /** Offsets of the fixed fields inside a record (message-format.md §1); the BLANK filler shares the first two. */
    public static final int TOTAL_SIZE_POSITION = 0;
    public static final int MAGIC_POSITION = 4;
    public static final int BODY_CRC_POSITION = 8;
    public static final int QUEUE_ID_POSITION = 12;
    public static final int FLAG_POSITION = 16;
    public static final int QUEUE_OFFSET_POSITION = 20;
    public static final int PHYSICAL_OFFSET_POSITION = 28;
    public static final int SYSFLAG_POSITION = 36;
    public static final int BORN_TIMESTAMP_POSITION = 40;
    public static final int BORN_HOST_POSITION = 48;
    /** Longest topic a record can hold (the length is one signed byte). */
    public static final int MAX_TOPIC_LENGTH = Byte.MAX_VALUE;
    /** Longest properties string a record can hold (the length is a signed short). */
    public static final int MAX_PROPERTIES_LENGTH = Short.MAX_VALUE;

    private static final byte[] NO_BODY = new byte[0];
    /** The shortest record: IPv4 hosts, empty body, topic and properties. */
    private static final int MIN_RECORD_SIZE = storeSize(0, 0, 0, 0);
    /** Bytes of an IPv4-mapped IPv6 address before the IPv4 address: ten zeros, then {@code 0xFFFF}. */
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    private StoredMessageCodec() {
    }

    /** TOTALSIZE of a record with these part lengths. */
    public static int storeSize(int sysFlag, int bodyLength, int topicLength, int propertiesLength) {
        return 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + SysFlag.bornHostLength(sysFlag) + 8
                + SysFlag.storeHostLength(sysFlag) + 4 + 8 + 4 + bodyLength + 1 + topicLength + 2 + propertiesLength;
    }

    /** Position of STORETIMESTAMP inside a record with this sysFlag. */
    public static int storeTimestampPosition(int sysFlag) {
        return BORN_HOST_POSITION + SysFlag.bornHostLength(sysFlag);
    }

    /** {@code CRC32(body) & 0x7FFFFFFF}, as the BODYCRC field holds it. */
    public static int bodyCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body, 0, body.length);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    /** {@link #bodyCrc(byte[])} over {@code length} bytes of {@code buf} from {@code index}. */
    public static int bodyCrc(ByteBuffer buf, int index, int length) {
        CRC32 crc = new CRC32();
        crc.update(buf.slice(index, length));
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    /** Encodes {@code m} into a new heap buffer (flipped, ready to read). */
    public static ByteBuffer encode(MessageExt m) {
        byte[] topic = m.getTopic().getBytes(StandardCharsets.UTF_8);
        byte[] properties = m.getPropertiesString().getBytes(StandardCharsets.UTF_8);
        byte[] body = m.getBody() == null ? NO_BODY : m.getBody();
        ByteBuffer buf = ByteBuffer.allocate(storeSize(m.getSysFlag(), body.length, topic.length, properties.length));
        encode(buf, 0, m, topic, properties);
        return buf;
    }

    /**
     * Writes {@code m} at {@code index} of {@code dst} (absolute puts; the buffer's position is not moved). TOTALSIZE
     * is computed; every other field comes from {@code m}, including its body CRC, store timestamp and offsets.
     *
     * @param topic      the topic as UTF-8, at most {@link #MAX_TOPIC_LENGTH} bytes
     * @param properties the properties string as UTF-8, at most {@link #MAX_PROPERTIES_LENGTH} bytes
     * @return the number of bytes written (TOTALSIZE)
     */
    public static int encode(ByteBuffer dst, int index, MessageExt m, byte[] topic, byte[] properties) {
        byte[] body = m.getBody() == null ? NO_BODY : m.getBody();
        int sysFlag = m.getSysFlag();
        int size = storeSize(sysFlag, body.length, topic.length, properties.length);
        int i = index;
        dst.putInt(i + TOTAL_SIZE_POSITION, size);
        dst.putInt(i + MAGIC_POSITION, MESSAGE_MAGIC);
        dst.putInt(i + BODY_CRC_POSITION, m.getBodyCRC());
        dst.putInt(i + QUEUE_ID_POSITION, m.getQueueId());
        dst.putInt(i + FLAG_POSITION, m.getFlag());
        dst.putLong(i + QUEUE_OFFSET_POSITION, m.getQueueOffset());
        dst.putLong(i + PHYSICAL_OFFSET_POSITION, m.getCommitLogOffset());
        dst.putInt(i + SYSFLAG_POSITION, sysFlag);
        dst.putLong(i + BORN_TIMESTAMP_POSITION, m.getBornTimestamp());
        i = putHost(dst, i + BORN_HOST_POSITION, m.getBornHost(), SysFlag.bornHostLength(sysFlag));
        dst.putLong(i, m.getStoreTimestamp());
        i = putHost(dst, i + 8, m.getStoreHost(), SysFlag.storeHostLength(sysFlag));
        dst.putInt(i, m.getReconsumeTimes());
        dst.putLong(i + 4, m.getPreparedTransactionOffset());
        dst.putInt(i + 12, body.length);
        dst.put(i + 16, body);
        i += 16 + body.length;
        dst.put(i, (byte) topic.length);
        dst.put(i + 1, topic);
        i += 1 + topic.length;
        dst.putShort(i, (short) properties.length);
        dst.put(i + 2, properties);
        return size;
    }

    private static int putHost(ByteBuffer dst, int index, InetSocketAddress host, int length) {
        if (host == null) {
            dst.put(index, new byte[length]);
            return index + length;
        }
        byte[] ip = host.getAddress().getAddress();
        if (ip.length == 4 && length == 20) {
            // An IPv6 slot holding an IPv4 address: what an IPv4-mapped address read from a record decodes to.
            dst.put(index, IPV4_MAPPED_PREFIX);
            dst.put(index + IPV4_MAPPED_PREFIX.length, ip);
        } else {
            dst.put(index, ip);
        }
        dst.putInt(index + length - 4, host.getPort());
        return index + length;
    }

    /**
     * Decodes the record at the buffer's position and moves the position past it. The properties are kept as the
     * stored string; they are decoded into a map only if the map is asked for.
     *
     * @param readBody whether to copy the body (false leaves it {@code null})
     * @throws IllegalArgumentException when the record is not a message record, is cut short, or its lengths do not
     *                                  fit its size; the message says which
     */
    public static MessageExt decode(ByteBuffer buf, boolean readBody) {
        int start = buf.position();
        if (buf.remaining() < 8 || buf.getInt(start + 4) != MESSAGE_MAGIC) {
            throw new IllegalArgumentException("no message record at position " + start);
        }
        int size = buf.getInt(start);
        if (size > buf.remaining()) {
            throw new IllegalArgumentException("record at " + start + " of size " + size + " is cut short");
        }
        if (size < MIN_RECORD_SIZE || size < storeSize(buf.getInt(start + SYSFLAG_POSITION), 0, 0, 0)) {
            throw new IllegalArgumentException("record at " + start + " of size " + size
                    + " is shorter than its fixed fields");
        }
        int end = start + size;
        MessageExt m = new MessageExt();
        m.setStoreSize(size);
        buf.position(start + 8);
        m.setBodyCRC(buf.getInt());
        m.setQueueId(buf.getInt());
        m.setFlag(buf.getInt());
        m.setQueueOffset(buf.getLong());
        m.setCommitLogOffset(buf.getLong());
        int sysFlag = buf.getInt();
        m.setBornTimestamp(buf.getLong());
        m.setBornHost(readHost(buf, SysFlag.bornHostLength(sysFlag)));
        m.setStoreTimestamp(buf.getLong());
        m.setStoreHost(readHost(buf, SysFlag.storeHostLength(sysFlag)));
        m.setSysFlag(sysFlag);
        m.setReconsumeTimes(buf.getInt());
        m.setPreparedTransactionOffset(buf.getLong());
        int bodyLength = buf.getInt();
        checkLength(buf, end, bodyLength, 1 + 2, start, "body");
        if (readBody) {
            byte[] body = new byte[bodyLength];
            buf.get(body);
            m.setBody(body);
        } else {
            buf.position(buf.position() + bodyLength);
        }
        byte topicLength = buf.get();
        checkLength(buf, end, topicLength, 2, start, "topic");
        m.setTopic(readString(buf, topicLength));
        short propertiesLength = buf.getShort();
        checkLength(buf, end, propertiesLength, 0, start, "properties");
        m.setPropertiesString(readString(buf, propertiesLength));
        buf.position(end);
        return m;
    }

    /** Decodes records back to back until the buffer is exhausted (bodies included). */
    public static List<MessageExt> decodeAll(ByteBuffer buf) {
        List<MessageExt> out = new ArrayList<>();
        while (buf.hasRemaining()) {
            out.add(decode(buf, true));
        }
        return out;
    }

    /**
     * Refuses a negative length, or a part of {@code length} bytes (then {@code after} more) that would pass the
     * record's {@code end}.
     */
    private static void checkLength(ByteBuffer buf, int end, int length, int after, int start, String part) {
        if (length < 0 || length > end - buf.position() - after) {
            throw new IllegalArgumentException("record at " + start + " of size " + (end - start) + " has a " + part
                    + " length of " + length + " that does not fit the record");
        }
    }

    private static String readString(ByteBuffer buf, int length) {
        if (length == 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static InetSocketAddress readHost(ByteBuffer buf, int length) {
        byte[] ip = new byte[length - 4];
        buf.get(ip);
        int port = buf.getInt();
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("bad host port " + port + " in record");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad host address in record", e);
        }
    }
}
