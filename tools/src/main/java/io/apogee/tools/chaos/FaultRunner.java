package io.apogee.tools.chaos;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one fault run: starts the cluster, loads it, injects the faults on schedule, stops sending, drains the
 * consumers, stops everything it started (also on failure) and returns the {@link ChaosReport}.
 */
public final class FaultRunner {

    private static final int LOST_SAMPLE = 5;

    private final ChaosSettings settings;
    private final PrintStream log;

    /** @param log progress lines (one per fault) */
    public FaultRunner(ChaosSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** Runs; returns the report. */
    public ChaosReport run() throws Exception {
        Ledger ledger = new Ledger();
        Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        try (ChaosCluster cluster = ChaosCluster.start(settings.home(), settings.workDir(), settings.flushDiskType());
                ChaosLoad load = new ChaosLoad(cluster.namesrvAddr(), ledger, settings.ordered())) {
            log.printf("chaos: namesrv %s, broker port %d (%s), work dir %s%n", cluster.namesrvAddr(),
                    cluster.broker().port(), settings.flushDiskType(), settings.workDir());
            load.start(settings.threads());
            long start = System.nanoTime();
            long end = start + settings.load().toNanos();
            long next = start + settings.interval().toNanos();
            for (int i = 0; i < settings.faults() && next + settings.hold().toNanos() < end; i++) {
                sleepUntil(next);
                Fault fault = settings.kinds().get(i % settings.kinds().size());
                log.printf("chaos: fault %d: %s for %d s (acked so far %d)%n", i + 1, fault.label(),
                        settings.hold().toSeconds(), ledger.ackedCount());
                fault.inject(cluster, settings.hold());
                injected.merge(fault, 1, Integer::sum);
                next += settings.interval().toNanos();
            }
            sleepUntil(end);
            load.stopSending();
            log.printf("chaos: sending stopped, draining (acked %d, not yet consumed %d)%n", ledger.ackedCount(),
                    ledger.missingCount());
            drain(ledger);
        }
        return new ChaosReport(settings.flushDiskType(), injected, ledger.ackedCount(), ledger.failedCount(),
                ledger.missingCount(), ledger.duplicatedCount(), ledger.outOfOrderCount(), ledger.deliveredCount(),
                settings.load().toSeconds(), ledger.missing(LOST_SAMPLE));
    }

    private void drain(Ledger ledger) throws InterruptedException {
        long deadline = System.nanoTime() + settings.drain().toNanos();
        while (ledger.missingCount() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
