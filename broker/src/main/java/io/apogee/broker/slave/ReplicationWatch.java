package io.apogee.broker.slave;

import io.apogee.store.HaStatus;
import io.apogee.store.HaStatus.LinkState;
import io.apogee.store.MessageStore;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the broker log when a slave stops or starts replicating: a WARN once it has not replicated for
 * {@link #GRACE_MILLIS} (at once when replication is stopped for the operator), repeated every
 * {@link #REPEAT_MILLIS} while it lasts, and an INFO when it replicates again. The store's HA client logs each
 * connection and disconnection; this is the summary an operator looks for.
 */
public final class ReplicationWatch {

    /** A slave connecting after start or after a blip is not reported before this. */
    static final long GRACE_MILLIS = 5_000;
    /** A lasting outage is reported again this often. */
    static final long REPEAT_MILLIS = 5 * 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationWatch.class);

    private final String brokerName;
    private final MessageStore store;
    private final MasterLink master;
    private long notReplicatingSince = -1;
    private long lastWarnMillis = -1;
    private String lastWarned;

    public ReplicationWatch(String brokerName, MessageStore store, MasterLink master) {
        this.brokerName = brokerName;
        this.store = store;
        this.master = master;
    }

    /** Looks at replication now ({@code now} in ms since the epoch) and logs a change. */
    void check(long now) {
        HaStatus.Master link = store.haStatus().master();
        if (link == null) {
            return;
        }
        if (link.connected()) {
            if (lastWarned != null) {
                LOG.info("slave of {} replicates again from master {} (commit log ends at {})", brokerName,
                        link.address(), link.slaveMaxOffset());
            }
            notReplicatingSince = -1;
            lastWarned = null;
            return;
        }
        if (notReplicatingSince < 0) {
            notReplicatingSince = now;
        }
        String why = whyNotReplicating(link, master);
        boolean due = link.state() == LinkState.STOPPED || now - notReplicatingSince >= GRACE_MILLIS;
        boolean fresh = !Objects.equals(why, lastWarned) || now - lastWarnMillis >= REPEAT_MILLIS;
        if (due && fresh) {
            LOG.warn("slave of {} is NOT replicating for {} s: {}", brokerName, (now - notReplicatingSince) / 1000,
                    why);
            lastWarned = why;
            lastWarnMillis = now;
        }
    }

    /** Why a slave's link does not replicate, in words, or {@code null} when it does. */
    public static String whyNotReplicating(HaStatus.Master link, MasterLink master) {
        return switch (link.state()) {
            case REPLICATING -> null;
            case NO_MASTER -> "no master HA address: haMasterAddress is not set and " + master.describeMaster();
            case CONNECTING -> "connecting to master HA address " + link.address()
                    + (link.reason() == null ? "" : " (last attempt: " + link.reason() + ")");
            case STOPPED -> "stopped: " + link.reason();
        };
    }
}
