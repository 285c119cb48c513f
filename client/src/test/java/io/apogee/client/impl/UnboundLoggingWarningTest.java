package io.apogee.client.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without an SLF4J provider the client says once on stderr that failures are going unlogged. */
class UnboundLoggingWarningTest {

    @Test
    void repeatedFailuresWithoutAProviderPrintOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UnboundLoggingWarning warning = new UnboundLoggingWarning(() -> true,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        for (int i = 1; i < UnboundLoggingWarning.FAILURES_BEFORE_WARNING; i++) {
            warning.onFailure("send to topic T", new IOException("refused"));
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8), "one failure is no pattern yet");
        for (int i = 0; i < 5; i++) {
            warning.onFailure("pull of q from 127.0.0.1:10911", new IOException("connection refused"));
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("no SLF4J provider is on the class path")
                && printed.contains("logback-classic") && printed.contains("connection refused"), printed);
    }

    @Test
    void withAProviderNothingIsPrinted() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UnboundLoggingWarning warning = new UnboundLoggingWarning(() -> false,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 10; i++) {
            warning.onFailure("send to topic T", new IOException("refused"));
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
