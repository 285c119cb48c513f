package io.apogee.common.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs each distinct failure of one service loop once, with its stack trace, and then only counts its repeats,
 * reporting the count at most once a minute (Agrona's {@code DistinctErrorLog} idea): a step that fails on every
 * retry must not flood the log. Failures are alike when type, message and throwing frame are. Used by the loop's
 * own thread only.
 */
final class DistinctErrorLog {

    /** Distinct failures remembered; further new ones are logged each time, never stored (bounded memory). */
    static final int MAX_DISTINCT = 64;
    static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final String role;
    private final Map<Signature, Repeats> seen = new HashMap<>();

    private record Signature(Class<?> type, String message, StackTraceElement where) {
        static Signature of(Throwable e) {
            StackTraceElement[] trace = e.getStackTrace();
            return new Signature(e.getClass(), Objects.toString(e.getMessage(), ""), trace.length > 0 ? trace[0]
                    : null);
        }
    }

    private static final class Repeats {
        long lastReportNanos;
        long unreported;
    }

    DistinctErrorLog(Logger log, String role) {
        this.log = log;
        this.role = role;
    }

    /** Records one failure seen at {@code nowNanos}; returns whether it was logged now. */
    boolean record(Throwable failure, long nowNanos) {
        Signature signature = Signature.of(failure);
        Repeats repeats = seen.get(signature);
        if (repeats == null) {
            if (seen.size() < MAX_DISTINCT) {
                Repeats first = new Repeats();
                first.lastReportNanos = nowNanos;
                seen.put(signature, first);
            }
            log.error("{} step failed", role, failure);
            return true;
        }
        repeats.unreported++;
        if (nowNanos - repeats.lastReportNanos < REPORT_INTERVAL_NANOS) {
            return false;
        }
        log.error("{} step failed {} more time(s) in the last {} s with: {}", role, repeats.unreported,
                TimeUnit.NANOSECONDS.toSeconds(nowNanos - repeats.lastReportNanos), failure.toString());
        repeats.unreported = 0;
        repeats.lastReportNanos = nowNanos;
        return true;
    }
}
