package io.apogee.remoting.codec;

import io.apogee.common.protocol.LanguageCode;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a JSON header into a command with no intermediate JSON tree, since every request passes through here. As
 * lenient as RocketMQ's fastjson decoding: unknown keys (of any JSON type) are skipped, missing keys keep their
 * defaults, numbers and booleans inside extFields become strings, and numbers may come quoted.
 *
 * <p>The header bytes are copied once into a per-thread array (decoding runs on event-loop threads): one bulk copy
 * is far cheaper than a checked {@code getByte} per byte of a direct buffer. ASCII strings, which is nearly all of
 * them, become {@code String}s without a charset decoder, and short ones that repeat (field names, topics, groups,
 * flags) are taken from a small per-thread cache instead of being allocated again.
 */
final class JsonHeaderReader {

    private static final int EXT_FIELDS_CAPACITY = 32;
    /** Headers up to this size are read from the per-thread array; a larger one gets an array of its own. */
    private static final int SCRATCH_BYTES = 64 * 1024;
    /** Strings up to this length are looked up in (and added to) the cache. */
    private static final int CACHED_LENGTH_MAX = 32;
    private static final int CACHE_SLOTS = 1024;
    /**
     * Unknown keys' values are skipped recursively; deeper nesting is refused rather than overflowing the stack
     * (RocketMQ's own headers are at most two levels deep).
     */
    private static final int MAX_DEPTH = 64;
    private static final FastThreadLocal<JsonHeaderReader> READERS = new FastThreadLocal<>() {
        @Override
        protected JsonHeaderReader initialValue() {
            return new JsonHeaderReader();
        }
    };

    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private final String[] cache = new String[CACHE_SLOTS];
    /** The bytes of each cached string, compared with a vectorized {@link Arrays#equals}. */
    private final byte[][] cacheBytes = new byte[CACHE_SLOTS][];
    private StringBuilder escaped = new StringBuilder();
    private byte[] buf;
    private int pos;
    private int end;
    private int depth;

    private JsonHeaderReader() {
    }

    static void decode(ByteBuf header, RemotingCommand cmd) throws RemotingCommandException {
        JsonHeaderReader reader = READERS.get();
        int length = header.readableBytes();
        byte[] bytes = length <= SCRATCH_BYTES ? reader.scratch : new byte[length];
        header.getBytes(header.readerIndex(), bytes, 0, length);
        reader.buf = bytes;
        reader.pos = 0;
        reader.end = length;
        reader.depth = 0;
        try {
            reader.readCommand(cmd);
        } finally {
            reader.buf = null;
        }
    }

    private void readCommand(RemotingCommand cmd) throws RemotingCommandException {
        skipWhitespace();
        if (next() != '{') {
            throw error("JSON header is not an object");
        }
        if (!consumeIf('}')) {
            do {
                String key = readString();
                expect(':');
                readField(key, cmd);
            } while (consumeIf(','));
            expect('}');
        }
        skipWhitespace();
        if (pos != end) {
            throw error("trailing bytes after the JSON header");
        }
    }

    private void readField(String key, RemotingCommand cmd) throws RemotingCommandException {
        switch (key) {
            case "code" -> cmd.code(readInt());
            case "flag" -> cmd.flag(readInt());
            case "opaque" -> cmd.opaque(readInt());
            case "version" -> cmd.version(readInt());
            case "language" -> cmd.language(LanguageCode.fromName(readNullableString()));
            case "remark" -> cmd.remark(readNullableString());
            case "extFields" -> cmd.extFields(readExtFields());
            default -> skipValue();
        }
    }

    private Map<String, String> readExtFields() throws RemotingCommandException {
        skipWhitespace();
        if (peek() == 'n') {
            expectLiteral("null");
            return null;
        }
        expect('{');
        Map<String, String> ext = new HashMap<>(EXT_FIELDS_CAPACITY);
        if (consumeIf('}')) {
            return ext;
        }
        do {
            String key = readString();
            expect(':');
            String value = readScalarAsString();
            if (value != null) {
                ext.put(key, value);
            }
        } while (consumeIf(','));
        expect('}');
        return ext;
    }

    /** A string, number or boolean as text; {@code null} for JSON null; nested values as their JSON text. */
    private String readScalarAsString() throws RemotingCommandException {
        skipWhitespace();
        byte b = peek();
        if (b == '"') {
            return readString();
        }
        if (b == 'n') {
            expectLiteral("null");
            return null;
        }
        int valueStart = pos;
        skipValue();
        int valueEnd = pos;
        while (valueEnd > valueStart && isWhitespace(buf[valueEnd - 1])) {
            valueEnd--;
        }
        return text(valueStart, valueEnd - valueStart, isAscii(valueStart, valueEnd));
    }

    private int readInt() throws RemotingCommandException {
        skipWhitespace();
        boolean quoted = consumeIf('"');
        boolean negative = consumeIf('-');
        long value = 0;
        int digits = 0;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            value = value * 10 + (buf[pos++] - '0');
            if (value > 0x8000_0000L) {
                throw error("number out of int range");
            }
            digits++;
        }
        if (digits == 0) {
            throw error("expected a number");
        }
        if (quoted) {
            expect('"');
        }
        long signed = negative ? -value : value;
        if (signed > Integer.MAX_VALUE) {
            throw error("number out of int range");
        }
        return (int) signed;
    }

    private String readNullableString() throws RemotingCommandException {
        skipWhitespace();
        if (peek() == 'n') {
            expectLiteral("null");
            return null;
        }
        return readString();
    }

    private String readString() throws RemotingCommandException {
        expect('"');
        int stringStart = pos;
        boolean ascii = true;
        while (pos < end) {
            byte b = buf[pos];
            if (b == '"') {
                String s = text(stringStart, pos - stringStart, ascii);
                pos++;
                return s;
            }
            if (b == '\\') {
                return readEscapedString(stringStart);
            }
            ascii &= b >= 0;
            pos++;
        }
        throw error("unterminated string");
    }

    /** The slow path for strings with escapes (message properties use {@code \u0001} and {@code \u0002}). */
    private String readEscapedString(int stringStart) throws RemotingCommandException {
        StringBuilder sb = escaped;
        sb.setLength(0);
        appendRun(sb, stringStart, pos);
        while (pos < end) {
            int runStart = pos;
            while (pos < end && buf[pos] != '"' && buf[pos] != '\\') {
                pos++;
            }
            appendRun(sb, runStart, pos);
            if (pos >= end) {
                break;
            }
            if (buf[pos++] == '"') {
                String s = sb.toString();
                if (sb.capacity() > SCRATCH_BYTES) {
                    escaped = new StringBuilder();
                }
                return s;
            }
            sb.append(readEscape());
        }
        throw error("unterminated string");
    }

    /** Appends bytes {@code [from, to)}: ASCII char by char, anything else decoded as UTF-8. */
    private void appendRun(StringBuilder sb, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                sb.append(new String(buf, i, to - i, StandardCharsets.UTF_8));
                return;
            }
            sb.append((char) buf[i]);
        }
    }

    /** The string of bytes {@code [offset, offset + length)}, from the cache when it is short and seen before. */
    private String text(int offset, int length, boolean ascii) {
        if (!ascii) {
            return new String(buf, offset, length, StandardCharsets.UTF_8);
        }
        if (length > CACHED_LENGTH_MAX) {
            return new String(buf, offset, length, StandardCharsets.ISO_8859_1);
        }
        int hash = length;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + buf[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (CACHE_SLOTS - 1);
        byte[] cachedBytes = cacheBytes[slot];
        if (cachedBytes != null && Arrays.equals(buf, offset, offset + length, cachedBytes, 0, cachedBytes.length)) {
            return cache[slot];
        }
        String s = new String(buf, offset, length, StandardCharsets.ISO_8859_1);
        cache[slot] = s;
        cacheBytes[slot] = Arrays.copyOfRange(buf, offset, offset + length);
        return s;
    }

    private boolean isAscii(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private char readEscape() throws RemotingCommandException {
        byte e = next();
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> (char) readHex4();
            default -> throw error("bad escape \\" + (char) e);
        };
    }

    private int readHex4() throws RemotingCommandException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw error("bad \\u escape");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** Skips one JSON value of any type. */
    private void skipValue() throws RemotingCommandException {
        skipWhitespace();
        byte b = peek();
        switch (b) {
            case '"' -> skipString();
            case '{' -> skipContainer('{', '}');
            case '[' -> skipContainer('[', ']');
            default -> {
                int valueStart = pos;
                while (pos < end && !endsScalar(buf[pos])) {
                    pos++;
                }
                if (pos == valueStart) {
                    throw error("expected a value");
                }
            }
        }
    }

    private void skipString() throws RemotingCommandException {
        expect('"');
        while (pos < end) {
            byte b = buf[pos++];
            if (b == '"') {
                return;
            }
            if (b == '\\') {
                readEscape();
            }
        }
        throw error("unterminated string");
    }

    private void skipContainer(char open, char close) throws RemotingCommandException {
        expect(open);
        if (++depth > MAX_DEPTH) {
            throw error("values nested deeper than " + MAX_DEPTH + " levels");
        }
        if (consumeIf(close)) {
            depth--;
            return;
        }
        do {
            if (open == '{') {
                skipString();
                expect(':');
            }
            skipValue();
        } while (consumeIf(','));
        expect(close);
        depth--;
    }

    private static boolean endsScalar(byte b) {
        return b == ',' || b == '}' || b == ']' || isWhitespace(b);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private void expectLiteral(String literal) throws RemotingCommandException {
        for (int i = 0; i < literal.length(); i++) {
            if (next() != literal.charAt(i)) {
                throw error("expected " + literal);
            }
        }
    }

    private void expect(char c) throws RemotingCommandException {
        skipWhitespace();
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private boolean consumeIf(char c) {
        skipWhitespace();
        if (pos < end && buf[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < end && isWhitespace(buf[pos])) {
            pos++;
        }
    }

    private byte peek() throws RemotingCommandException {
        if (pos >= end) {
            throw error("header ends early");
        }
        return buf[pos];
    }

    private byte next() throws RemotingCommandException {
        byte b = peek();
        pos++;
        return b;
    }

    private RemotingCommandException error(String what) {
        return new RemotingCommandException("JSON header does not parse: " + what + " at byte " + pos);
    }
}
