package io.apogee.broker.processor;

import java.nio.ByteBuffer;
import java.util.List;

/** Response bodies made of stored records: the records back to back, as pull and query responses carry them. */
final class MessageBodies {

    private MessageBodies() {
    }

    /** Copies {@code slices} (read-only views of the commit log) into one body. */
    static byte[] concatenate(List<ByteBuffer> slices) {
        int total = 0;
        for (ByteBuffer slice : slices) {
            total += slice.remaining();
        }
        byte[] body = new byte[total];
        int at = 0;
        for (ByteBuffer slice : slices) {
            int length = slice.remaining();
            slice.duplicate().get(body, at, length);
            at += length;
        }
        return body;
    }
}
