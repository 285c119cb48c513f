package io.apogee.remoting.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.apogee.remoting.protocol.RemotingCommandException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;

/**
 * Fuzz targets of the REGISTER_BROKER body codec in both forms (README "Fuzzing"). Any body either decodes or is
 * refused with a {@link RemotingCommandException} that says why; what decodes encodes in the same form to a body that
 * decodes to an equal value.
 */
class RegisterBrokerBodyFuzzTest {

    /** The plain (JSON) form. */
    @FuzzTest
    void plain(byte[] input) {
        decodesOrRefuses(input, false);
    }

    /**
     * The compressed form. An input whose first byte is even is the inflated content (deflated here, so the fuzzer
     * works on the length-prefixed parts); otherwise the bytes after the first are the body as sent.
     */
    @FuzzTest
    void compressed(byte[] input) {
        if (input.length == 0) {
            decodesOrRefuses(input, true);
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        decodesOrRefuses((input[0] & 1) == 0 ? deflate(rest) : rest, true);
    }

    private static void decodesOrRefuses(byte[] body, boolean compressed) {
        RegisterBrokerBody decoded;
        try {
            decoded = RegisterBrokerBodyCodec.decode(body, compressed);
        } catch (RemotingCommandException e) {
            assertFalse(e.getMessage().isBlank(), "a refusal says why");
            return;
        }
        byte[] encoded = RegisterBrokerBodyCodec.encode(decoded, compressed);
        try {
            assertEquals(decoded, RegisterBrokerBodyCodec.decode(encoded, compressed));
        } catch (RemotingCommandException e) {
            throw new AssertionError("a decoded body encodes to one that does not decode: " + decoded, e);
        }
    }

    private static byte[] deflate(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
