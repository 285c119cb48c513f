package io.apogee.remoting.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HashMap;
import java.util.Map;

/**
 * Fuzz targets of the frame codec and both header readers (README "Fuzzing"). Any input either decodes or is refused
 * with a {@link RemotingCommandException} that says why; what decodes encodes again to a command that decodes to
 * the same fields. Seeds: {@code FrameCodecFuzzTestInputs/<method>/} under the test resources.
 */
class FrameCodecFuzzTest {

    /** A frame as the length-field decoder hands it over: everything after the 4-byte length prefix. */
    @FuzzTest
    void frame(byte[] input) {
        RemotingCommand cmd = decodeOrRefuse(input);
        if (cmd != null) {
            assertRoundTrips(cmd);
        }
    }

    /** A JSON header's bytes alone (serialize type 0). */
    @FuzzTest
    void jsonHeader(byte[] input) {
        header(input, SerializeType.JSON);
    }

    /** A binary header's bytes alone (serialize type 1, "ROCKETMQ"). */
    @FuzzTest
    void binaryHeader(byte[] input) {
        header(input, SerializeType.ROCKETMQ);
    }

    private static void header(byte[] input, SerializeType type) {
        RemotingCommand cmd = RemotingCommand.decoded().serializeType(type);
        ByteBuf header = Unpooled.wrappedBuffer(input);
        try {
            if (type == SerializeType.JSON) {
                JsonHeaderReader.decode(header, cmd);
            } else {
                BinaryHeaderCodec.decode(header, cmd);
            }
        } catch (RemotingCommandException e) {
            assertFalse(e.getMessage().isBlank(), "a refusal says why");
            return;
        }
        assertRoundTrips(cmd);
    }

    private static RemotingCommand decodeOrRefuse(byte[] frame) {
        try {
            return FrameCodec.decode(Unpooled.wrappedBuffer(frame));
        } catch (RemotingCommandException e) {
            assertFalse(e.getMessage().isBlank(), "a refusal says why");
            return null;
        }
    }

    /** Encodes {@code cmd}, decodes the frame again and compares every field. */
    private static void assertRoundTrips(RemotingCommand cmd) {
        ByteBuf out = Unpooled.buffer();
        FrameCodec.encode(cmd, out);
        out.skipBytes(4);
        RemotingCommand back;
        try {
            back = FrameCodec.decode(out);
        } catch (RemotingCommandException e) {
            throw new AssertionError("a decoded command encodes to a frame that does not decode: " + cmd, e);
        }
        assertEquals(cmd.serializeType(), back.serializeType());
        assertEquals(cmd.code(), back.code());
        assertEquals(cmd.language(), back.language());
        assertEquals(cmd.version(), back.version());
        assertEquals(cmd.opaque(), back.opaque());
        assertEquals(cmd.flag(), back.flag());
        assertEquals(onTheWire(cmd.remark()), back.remark());
        assertEquals(extFields(cmd), extFields(back));
        assertArrayEquals(cmd.body(), back.body());
    }

    /**
     * The extFields as written: none and empty are one thing on the wire (the binary form writes both as length 0),
     * and strings are as {@link #onTheWire} says.
     */
    private static Map<String, String> extFields(RemotingCommand cmd) {
        Map<String, String> written = new HashMap<>();
        if (cmd.extFields() != null) {
            cmd.extFields().forEach((key, value) -> written.put(onTheWire(key), onTheWire(value)));
        }
        return written;
    }

    /**
     * A string as both header forms write it: an unpaired surrogate (a JSON {@code \uD800} escape decodes to one)
     * becomes {@code ?} (JsonHeaderWriter says so; Netty's writeUtf8, used by the binary form, does the same).
     */
    private static String onTheWire(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return sb.toString();
    }
}
