package io.apogee.tools.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a fault run does.
 *
 * @param home          the Apogee installation whose {@code bin/mqnamesrv} and {@code bin/mqbroker} are started
 * @param workDir       conf files, stores and logs of the servers
 * @param flushDiskType {@code SYNC_FLUSH} or {@code ASYNC_FLUSH}
 * @param faults        how many faults to inject at most
 * @param kinds         the faults, injected in turn
 * @param load          how long the producers send
 * @param interval      time from one fault's start to the next (the first comes one interval after the start)
 * @param hold          how long a fault lasts before recovery (restart or {@code SIGCONT})
 * @param drain         how long to wait, after sending stops, for every acknowledged message to be consumed
 * @param threads       producer threads on the plain topic
 * @param ordered       whether one more producer thread sends to an ordered topic, consumed orderly
 */
public record ChaosSettings(Path home, Path workDir, String flushDiskType, int faults, List<Fault> kinds,
        Duration load, Duration interval, Duration hold, Duration drain, int threads, boolean ordered) {

    /** Checks the values. */
    public ChaosSettings {
        if (!flushDiskType.equals("SYNC_FLUSH") && !flushDiskType.equals("ASYNC_FLUSH")) {
            throw new IllegalArgumentException("flushDiskType must be SYNC_FLUSH or ASYNC_FLUSH, was " + flushDiskType);
        }
        if (faults < 0 || threads < 1 || kinds.isEmpty()) {
            throw new IllegalArgumentException("need faults >= 0, threads >= 1 and at least one fault kind");
        }
        if (hold.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("the hold (" + hold.toSeconds() + " s) must be shorter than the interval ("
                    + interval.toSeconds() + " s)");
        }
        kinds = List.copyOf(kinds);
    }
}
