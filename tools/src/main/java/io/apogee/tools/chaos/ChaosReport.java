package io.apogee.tools.chaos;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run, OpenChaos-style: faults injected (by kind), sends acknowledged ({@code SEND_OK}), failed
 * sends, acknowledged messages never consumed (lost), messages consumed more than once (duplicated), and first
 * deliveries of the ordered topic behind a later message of the same sharding key (out of order).
 *
 * @param lostSample a few lost message ids, for the broker's logs
 */
public record ChaosReport(String flushDiskType, Map<Fault, Integer> faults, long acknowledged, long failedSends,
        long lost, long duplicated, long outOfOrder, long consumed, long seconds, List<String> lostSample) {

    /** Faults injected, all kinds. */
    public int faultsInjected() {
        return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Faults of one kind ({@code kill}, {@code pause}, {@code namesrv}) injected. */
    public int faultsInjected(String kind) {
        return faults.getOrDefault(Fault.parse(kind), 0);
    }

    /** Prints the table. */
    public void print(PrintStream out) {
        String line = "+--------------------------------+--------------+";
        out.println(line);
        row(out, "flushDiskType", flushDiskType);
        row(out, "seconds of load", String.valueOf(seconds));
        row(out, "faults injected", String.valueOf(faultsInjected()));
        faults.forEach((fault, n) -> row(out, "  " + fault.label(), String.valueOf(n)));
        out.println(line);
        row(out, "sends acknowledged (SEND_OK)", String.valueOf(acknowledged));
        row(out, "failed sends", String.valueOf(failedSends));
        row(out, "consumed (distinct)", String.valueOf(consumed));
        row(out, "lost", String.valueOf(lost));
        row(out, "duplicated", String.valueOf(duplicated));
        row(out, "out of order (ordered topic)", String.valueOf(outOfOrder));
        out.println(line);
        if (!lostSample.isEmpty()) {
            out.println("lost, e.g.: " + String.join(", ", lostSample));
        }
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("| %-30s | %12s |%n", name, value);
    }
}
