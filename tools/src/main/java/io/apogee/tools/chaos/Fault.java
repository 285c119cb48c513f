package io.apogee.tools.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The faults the runner injects, each held for a while and then recovered from. */
public enum Fault {

    /** {@code kill -9} of the broker, restarted after the hold. */
    KILL("kill -9 broker"),
    /** {@code SIGSTOP} of the broker, {@code SIGCONT} after the hold. */
    PAUSE("pause broker"),
    /** {@code kill -9} of the NameServer, restarted after the hold. */
    NAMESRV("kill -9 namesrv");

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Parses {@code kill}, {@code pause} or {@code namesrv}. */
    static Fault parse(String name) {
        for (Fault f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "': expected kill, pause or namesrv");
    }

    /** Injects this fault into {@code cluster}, holds it for {@code hold}, then recovers. */
    void inject(ChaosCluster cluster, Duration hold) throws IOException, InterruptedException {
        ChildServer target = this == NAMESRV ? cluster.namesrv() : cluster.broker();
        if (this == PAUSE) {
            target.pause();
            TimeUnit.MILLISECONDS.sleep(hold.toMillis());
            target.resume();
        } else {
            target.kill();
            TimeUnit.MILLISECONDS.sleep(hold.toMillis());
            target.start(ChaosCluster.START_TIMEOUT);
        }
    }
}
