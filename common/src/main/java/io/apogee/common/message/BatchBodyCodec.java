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

    private BatchBodyCodec() {
    }

    /** One entry of a batch body: the properties string is kept as sent, so the broker can append to it. */
    public record Entry(int flag, byte[] body, String properties) {
    }

    /**
     * Decodes every entry of a batch body.
     *
     * @throws IllegalArgumentException when an entry's lengths do not fit the body
     */
    public static List<Entry> decode(ByteBuffer body) {
        List<Entry> out = new ArrayList<>();
        while (body.hasRemaining()) {
            int start = body.position();
            int total = body.getInt();
            if (total < 20 || total > body.remaining() + 4) {
                throw new IllegalArgumentException("bad batch entry size " + total + " at " + start);
            }
            body.getInt();
            body.getInt();
            int flag = body.getInt();
            byte[] payload = new byte[body.getInt()];
            body.get(payload);
            byte[] properties = new byte[body.getShort()];
            body.get(properties);
            if (body.position() != start + total) {
                throw new IllegalArgumentException("batch entry at " + start + " is not " + total + " bytes");
            }
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
            total += 22 + m.getBody().length + p.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            byte[] p = props.get(i);
            buf.putInt(22 + m.getBody().length + p.length).putInt(0).putInt(0).putInt(m.getFlag());
            buf.putInt(m.getBody().length).put(m.getBody()).putShort((short) p.length).put(p);
        }
        return buf.flip();
    }
}
