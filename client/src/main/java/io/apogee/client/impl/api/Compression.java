package io.apogee.client.impl.api;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib compression of message bodies, as RocketMQ's producer writes them (sysFlag COMPRESSED + type ZLIB). */
public final class Compression {

    /** RocketMQ 4.9.8's default level ({@code rocketmq.message.compressLevel}). */
    public static final int DEFAULT_LEVEL = 5;

    private Compression() {
    }

    /** The zlib stream of {@code body}. */
    public static byte[] deflate(byte[] body, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * Inflates a zlib stream.
     *
     * @throws IllegalArgumentException when {@code compressed} is not a complete zlib stream
     */
    public static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated zlib stream");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
