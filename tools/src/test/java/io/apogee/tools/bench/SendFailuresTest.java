package io.apogee.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SendFailuresTest {

    @Test
    void failuresAreCountedByCauseMostFrequentFirst() {
        SendFailures failures = new SendFailures();
        assertEquals("", print(failures), "nothing printed when every send succeeded");
        failures.record("FLUSH_DISK_TIMEOUT");
        failures.record(new TimeoutException("no answer in 3000 ms"));
        failures.record(new TimeoutException("no answer in 3000 ms"));
        assertEquals(3, failures.sum());
        assertEquals("""
                Send failures by cause:
                  2 x TimeoutException: no answer in 3000 ms
                  1 x FLUSH_DISK_TIMEOUT
                """, print(failures));
    }

    @Test
    void causesBeyondTheLimitAreCountedTogether() {
        SendFailures failures = new SendFailures();
        for (int i = 0; i < SendFailures.MAX_CAUSES + 5; i++) {
            failures.record("cause " + i);
        }
        failures.record("cause 0");
        assertEquals(SendFailures.MAX_CAUSES + 6, failures.sum());
        String text = print(failures);
        assertEquals(SendFailures.MAX_CAUSES + 2, text.lines().count(), text);
        assertTrue(text.contains("  5 x " + SendFailures.OTHER_CAUSES), text);
        assertTrue(text.contains("  2 x cause 0"), text);
    }

    private static String print(SendFailures failures) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        failures.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
