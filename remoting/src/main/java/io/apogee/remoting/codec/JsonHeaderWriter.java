package io.apogee.remoting.codec;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes the JSON header form (serialize type 0), keys as RocketMQ writes them, in alphabetical order; {@link
 * JsonHeaderReader} reads it. The header is built in a per-thread array (encoding runs on event-loop threads) and
 * copied into the frame buffer in one go, which is far cheaper than a checked write per byte of a direct buffer.
 */
final class JsonHeaderWriter {

    private static final int INITIAL_BYTES = 4 * 1024;
    /** A per-thread array grown past this for one large header is dropped after it. */
    private static final int RETAINED_BYTES_MAX = 64 * 1024;
    /** The most bytes one char can take: a control character escaped as backslash, u and four hex digits. */
    private static final int BYTES_PER_CHAR_MAX = 6;
    private static final FastThreadLocal<JsonHeaderWriter> WRITERS = new FastThreadLocal<>() {
        @Override
        protected JsonHeaderWriter initialValue() {
            return new JsonHeaderWriter();
        }
    };

    private byte[] buf = new byte[INITIAL_BYTES];
    private int len;

    private JsonHeaderWriter() {
    }

    static void encode(RemotingCommand cmd, ByteBuf out) {
        JsonHeaderWriter writer = WRITERS.get();
        writer.len = 0;
        writer.write(cmd);
        out.writeBytes(writer.buf, 0, writer.len);
        if (writer.buf.length > RETAINED_BYTES_MAX) {
            writer.buf = new byte[INITIAL_BYTES];
        }
    }

    private void write(RemotingCommand cmd) {
        appendBytes(CODE_KEY);
        appendInt(cmd.code());
        Map<String, String> ext = cmd.extFields();
        if (ext != null) {
            appendBytes(EXT_FIELDS_KEY);
            appendByte('{');
            boolean first = true;
            for (Map.Entry<String, String> e : ext.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    continue;
                }
                if (!first) {
                    appendByte(',');
                }
                first = false;
                appendString(e.getKey());
                appendByte(':');
                appendString(e.getValue());
            }
            appendByte('}');
        }
        appendBytes(FLAG_KEY);
        appendInt(cmd.flag());
        appendBytes(LANGUAGE_KEY);
        appendString(cmd.language().name());
        appendBytes(OPAQUE_KEY);
        appendInt(cmd.opaque());
        if (cmd.remark() != null) {
            appendBytes(REMARK_KEY);
            appendString(cmd.remark());
        }
        appendBytes(SERIALIZE_TYPE_KEY);
        appendString(cmd.serializeType().name());
        appendBytes(VERSION_KEY);
        appendInt(cmd.version());
        appendByte('}');
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void appendByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    private void appendBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void appendInt(int value) {
        if (value >= 0 && value < 10) {
            appendByte('0' + value);
            return;
        }
        ensure(11);
        long v = value;
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; p <= v; p *= 10) {
            digits++;
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }

    /**
     * Appends a JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8 (an
     * unpaired surrogate as {@code ?}, as Netty's UTF-8 writer does).
     */
    private void appendString(String s) {
        int n = s.length();
        ensure(n * BYTES_PER_CHAR_MAX + 2);
        byte[] b = buf;
        int at = len;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                } else {
                    at = escape(b, at, c);
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[at++] = (byte) (0xF0 | cp >> 18);
                    b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[at++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[at++] = '?';
                }
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        b[at++] = '"';
        len = at;
    }

    private static int escape(byte[] b, int at, char c) {
        b[at++] = '\\';
        switch (c) {
            case '"', '\\' -> b[at++] = (byte) c;
            case '\n' -> b[at++] = 'n';
            case '\r' -> b[at++] = 'r';
            case '\t' -> b[at++] = 't';
            case '\b' -> b[at++] = 'b';
            case '\f' -> b[at++] = 'f';
            default -> {
                b[at++] = 'u';
                b[at++] = '0';
                b[at++] = '0';
                b[at++] = HEX[c >> 4];
                b[at++] = HEX[c & 0xF];
            }
        }
        return at;
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE_KEY = ascii("{\"code\":");
    private static final byte[] EXT_FIELDS_KEY = ascii(",\"extFields\":");
    private static final byte[] FLAG_KEY = ascii(",\"flag\":");
    private static final byte[] LANGUAGE_KEY = ascii(",\"language\":");
    private static final byte[] OPAQUE_KEY = ascii(",\"opaque\":");
    private static final byte[] REMARK_KEY = ascii(",\"remark\":");
    private static final byte[] SERIALIZE_TYPE_KEY = ascii(",\"serializeTypeCurrentRPC\":");
    private static final byte[] VERSION_KEY = ascii(",\"version\":");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
