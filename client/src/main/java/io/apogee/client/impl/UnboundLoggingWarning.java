package io.apogee.client.impl;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The client logs through slf4j-api only; without a logging library (an SLF4J provider) every warning it logs is
 * dropped. When sends or pulls keep failing in such a process, this says so once on stderr, with what to add.
 */
public final class UnboundLoggingWarning {

    /** Failures seen before the warning is printed: one failure may be a blip, three are a pattern. */
    static final int FAILURES_BEFORE_WARNING = 3;

    private static final UnboundLoggingWarning PROCESS = new UnboundLoggingWarning(
            () -> LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory, System.err);

    private final BooleanSupplier unbound;
    private final PrintStream err;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param unbound whether no SLF4J provider is bound (so logging is a no-op)
     * @param err     where the warning goes
     */
    UnboundLoggingWarning(BooleanSupplier unbound, PrintStream err) {
        this.unbound = unbound;
        this.err = err;
    }

    /** The process-wide warning: reads SLF4J's logger factory, prints to {@link System#err}. */
    public static UnboundLoggingWarning process() {
        return PROCESS;
    }

    /**
     * Counts one failed send or pull; at the {@value #FAILURES_BEFORE_WARNING}th, when nothing is logged, prints
     * the warning (once per process).
     *
     * @param what    what failed, e.g. {@code "send to topic T"}
     * @param failure the failure
     */
    public void onFailure(String what, Throwable failure) {
        if (warned.get() || failures.incrementAndGet() < FAILURES_BEFORE_WARNING || !unbound.getAsBoolean()
                || !warned.compareAndSet(false, true)) {
            return;
        }
        err.println("[apogee-client] WARN sends or pulls keep failing (last: " + what + ": " + failure.getMessage()
                + ") and nothing is logged, because no SLF4J provider is on the class path: add a logging library,"
                + " e.g. ch.qos.logback:logback-classic or org.slf4j:slf4j-simple, to see the client's warnings.");
    }
}
