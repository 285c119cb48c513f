package io.apogee.remoting.codec;

import io.apogee.common.protocol.LanguageCode;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a JSON header straight from the frame buffer into a command: no copy of the header bytes and no
 * intermediate JSON tree, since every request passes through here. As lenient as RocketMQ's fastjson decoding:
 * unknown keys (of any JSON type) are skipped, missing keys keep their defaults, numbers and booleans inside
 * extFields become strings, and numbers may come quoted.
 */
final class JsonHeaderReader {

    private static final int EXT_FIELDS_CAPACITY = 32;

    private final ByteBuf in;
    private int pos;
    private final int end;

    private JsonHeaderReader(ByteBuf in) {
        this.in = in;
        this.pos = in.readerIndex();
        this.end = in.writerIndex();
    }

    static void decode(ByteBuf header, RemotingCommand cmd) throws RemotingCommandException {
        new JsonHeaderReader(header).readCommand(cmd);
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
        int start = pos;
        skipValue();
        return in.toString(start, pos - start, StandardCharsets.UTF_8).trim();
    }

    private int readInt() throws RemotingCommandException {
        skipWhitespace();
        boolean quoted = consumeIf('"');
        boolean negative = consumeIf('-');
        long value = 0;
        int digits = 0;
        while (pos < end && in.getByte(pos) >= '0' && in.getByte(pos) <= '9') {
            value = value * 10 + (in.getByte(pos++) - '0');
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
        int start = pos;
        while (pos < end) {
            byte b = in.getByte(pos);
            if (b == '"') {
                String s = in.toString(start, pos - start, StandardCharsets.UTF_8);
                pos++;
                return s;
            }
            if (b == '\\') {
                return readEscapedString(start);
            }
            pos++;
        }
        throw error("unterminated string");
    }

    /** The slow path for strings with escapes: decodes UTF-8 runs and escape sequences. */
    private String readEscapedString(int start) throws RemotingCommandException {
        StringBuilder sb = new StringBuilder(in.toString(start, pos - start, StandardCharsets.UTF_8));
        while (pos < end) {
            int runStart = pos;
            while (pos < end && in.getByte(pos) != '"' && in.getByte(pos) != '\\') {
                pos++;
            }
            sb.append(in.toString(runStart, pos - runStart, StandardCharsets.UTF_8));
            if (pos >= end) {
                break;
            }
            if (in.getByte(pos++) == '"') {
                return sb.toString();
            }
            sb.append(readEscape());
        }
        throw error("unterminated string");
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
            case '"' -> readString();
            case '{' -> skipContainer('{', '}');
            case '[' -> skipContainer('[', ']');
            default -> {
                int start = pos;
                while (pos < end && ",}] \t\r\n".indexOf(in.getByte(pos)) < 0) {
                    pos++;
                }
                if (pos == start) {
                    throw error("expected a value");
                }
            }
        }
    }

    private void skipContainer(char open, char close) throws RemotingCommandException {
        expect(open);
        if (consumeIf(close)) {
            return;
        }
        do {
            if (open == '{') {
                readString();
                expect(':');
            }
            skipValue();
        } while (consumeIf(','));
        expect(close);
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
        if (pos < end && in.getByte(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = in.getByte(pos);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            pos++;
        }
    }

    private byte peek() throws RemotingCommandException {
        if (pos >= end) {
            throw error("header ends early");
        }
        return in.getByte(pos);
    }

    private byte next() throws RemotingCommandException {
        byte b = peek();
        pos++;
        return b;
    }

    private RemotingCommandException error(String what) {
        return new RemotingCommandException("JSON header does not parse: " + what + " at byte "
                + (pos - in.readerIndex()));
    }
}
