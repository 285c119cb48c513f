package io.apogee.tools.bench;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failed sends counted by cause (the exception and its message, or the send status), so a run reports why sends
 * failed, once per distinct cause, and not only how often. About {@link #MAX_CAUSES} causes are kept apart (senders
 * racing past the limit may add a few); later new ones are counted together.
 */
final class SendFailures {

    static final int MAX_CAUSES = 32;
    static final String OTHER_CAUSES = "(other causes)";

    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();

    void record(Throwable e) {
        record(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    void record(String cause) {
        total.increment();
        String key = byCause.containsKey(cause) || byCause.size() < MAX_CAUSES ? cause : OTHER_CAUSES;
        byCause.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long sum() {
        return total.sum();
    }

    /** One {@code count x cause} line per cause, the most frequent first; nothing when no send failed. */
    void print(PrintStream out) {
        if (byCause.isEmpty()) {
            return;
        }
        out.println("Send failures by cause:");
        byCause.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .forEach(e -> out.printf("  %d x %s%n", e.getValue().sum(), e.getKey()));
    }
}
