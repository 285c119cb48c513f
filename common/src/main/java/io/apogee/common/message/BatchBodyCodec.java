package io.apogee.common.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The SEND_BATCH_MESSAGE body (message-format.md §6): per message TOTALSIZE, MAGICCODE (0), BODYCRC (0), FLAG,
 * BODYLENGTH + BODY, PROPERTIESLENGTH + PROPERTIES. The topic is not in the body; it comes from the request header.
 */
public final class BatchBodyCodec {

    /** Bytes of an entry around its body and properties: TOTALSIZE, MAGICCODE, BODYCRC, FLAG, lengths. */
    private static final int ENTRY_OVERHEAD = 4 + 4 + 4 + 4 + 4 + 2;

    private BatchBodyCodec() {
    }

    /** One entry of a batch body: the properties string is kept as sent, so the broker can append to it. */
    public record Entry(int flag, byte[] body, String properties) {
    }

    /**
     * Decodes every entry of a batch body.
     *
     * @throws IllegalArgumentException when an entry's lengths do not fit the entry or the body; the message says
     *                                  which entry (by its position in the body) and which length
     */
    public static List<Entry> decode(ByteBuffer body) {
        List<Entry> out = new ArrayList<>();
        while (body.hasRemaining()) {
            int start = body.position();
            if (body.remaining() < ENTRY_OVERHEAD) {
                throw new IllegalArgumentException("batch entry at " + start + " is cut short: " + body.remaining()
                        + " bytes left, an entry takes at least " + ENTRY_OVERHEAD);
            }
            int total = body.getInt();
            if (total < ENTRY_OVERHEAD || total > body.remaining() + 4) {
                throw new IllegalArgumentException("bad batch entry size " + total + " at " + start + " ("
                        + (body.remaining() + 4) + " bytes left)");
            }
            int end = start + total;
            body.getInt();
            body.getInt();
            int flag = body.getInt();
            int bodyLength = body.getInt();
            if (bodyLength < 0 || bodyLength > end - body.position() - 2) {
                throw new IllegalArgumentException("batch entry at " + start + " of " + total
                        + " bytes has a body length of " + bodyLength);
            }
            byte[] payload = new byte[bodyLength];
            body.get(payload);
            int propertiesLength = body.getShort();
            if (propertiesLength != end - body.position()) {
                throw new IllegalArgumentException("batch entry at " + start + " of " + total + " bytes has a body of "
                        + bodyLength + " and properties of " + propertiesLength + " bytes");
            }
            byte[] properties = new byte[propertiesLength];
            body.get(properties);
            out.add(new Entry(flag, payload, new String(properties, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Encodes messages as a batch body, as the producer does (magic and CRC written as 0). */
    public static ByteBuffer encode(List<? extends Message> messages) {
        List<byte[]> props = new ArrayList<>(messages.size());
        int total = 0;
        for (Message m : messages) {
            byte[] p = PropertiesCodec.encode(m.getProperties()).getBytes(StandardCharsets.UTF_8);
            props.add(p);
            total += ENTRY_OVERHEAD + m.getBody().length + p.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            byte[] p = props.get(i);
            buf.putInt(ENTRY_OVERHEAD + m.getBody().length + p.length).putInt(0).putInt(0).putInt(m.getFlag());
            buf.putInt(m.getBody().length).put(m.getBody()).putShort((short) p.length).put(p);
        }
        return buf.flip();
    }
}
