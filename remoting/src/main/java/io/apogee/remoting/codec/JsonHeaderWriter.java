package io.apogee.remoting.codec;

import io.apogee.remoting.protocol.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the JSON header form (serialize type 0) straight into the frame buffer, keys as RocketMQ writes them, in
 * alphabetical order; {@link JsonHeaderReader} reads it.
 */
final class JsonHeaderWriter {

    private JsonHeaderWriter() {
    }

    static void encode(RemotingCommand cmd, ByteBuf out) {
        out.writeBytes(CODE_KEY);
        writeInt(out, cmd.code());
        Map<String, String> ext = cmd.extFields();
        if (ext != null) {
            out.writeBytes(EXT_FIELDS_KEY);
            out.writeByte('{');
            boolean first = true;
            for (Map.Entry<String, String> e : ext.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    continue;
                }
                if (!first) {
                    out.writeByte(',');
                }
                first = false;
                writeString(out, e.getKey());
                out.writeByte(':');
                writeString(out, e.getValue());
            }
            out.writeByte('}');
        }
        out.writeBytes(FLAG_KEY);
        writeInt(out, cmd.flag());
        out.writeBytes(LANGUAGE_KEY);
        writeString(out, cmd.language().name());
        out.writeBytes(OPAQUE_KEY);
        writeInt(out, cmd.opaque());
        if (cmd.remark() != null) {
            out.writeBytes(REMARK_KEY);
            writeString(out, cmd.remark());
        }
        out.writeBytes(SERIALIZE_TYPE_KEY);
        writeString(out, cmd.serializeType().name());
        out.writeBytes(VERSION_KEY);
        writeInt(out, cmd.version());
        out.writeByte('}');
    }

    private static void writeInt(ByteBuf out, int value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + value);
        } else {
            out.writeCharSequence(Integer.toString(value), StandardCharsets.US_ASCII);
        }
    }

    /** Writes a JSON string literal, escaping quotes, backslashes and control characters; the rest as UTF-8. */
    static void writeString(ByteBuf out, String s) {
        out.writeByte('"');
        int runStart = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            if (i > runStart) {
                ByteBufUtil.writeUtf8(out, s, runStart, i);
            }
            writeEscape(out, c);
            runStart = i + 1;
        }
        if (s.length() > runStart) {
            ByteBufUtil.writeUtf8(out, s, runStart, s.length());
        }
        out.writeByte('"');
    }

    private static void writeEscape(ByteBuf out, char c) {
        out.writeByte('\\');
        switch (c) {
            case '"', '\\' -> out.writeByte(c);
            case '\n' -> out.writeByte('n');
            case '\r' -> out.writeByte('r');
            case '\t' -> out.writeByte('t');
            case '\b' -> out.writeByte('b');
            case '\f' -> out.writeByte('f');
            default -> {
                out.writeByte('u');
                out.writeByte('0');
                out.writeByte('0');
                out.writeByte(HEX[c >> 4]);
                out.writeByte(HEX[c & 0xF]);
            }
        }
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
