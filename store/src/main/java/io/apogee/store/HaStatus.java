package io.apogee.store;

import java.util.List;

/**
 * A snapshot of replication, for the broker's status, cluster list and metrics.
 *
 * @param role         this store's role
 * @param haListenPort the port a master accepts slaves on (the bound one when configured as 0); 0 on a slave
 * @param slaves       a master's connected slaves; empty on a slave
 * @param master       a slave's link to its master; {@code null} on a master
 */
public record HaStatus(BrokerRole role, int haListenPort, List<Slave> slaves, Master master) {

    /**
     * One slave connection as its master sees it.
     *
     * @param address       the slave's remote address ({@code host:port})
     * @param requestOffset the slave's first report: where the transfer started (or 0 for "from the last file")
     * @param ackedOffset   the slave's latest report, the only offset counted as replicated; -1 when the slave is
     *                      ahead of this master and refused
     * @param behindBytes   this master's commit-log end minus {@code ackedOffset}; -1 before the first report or when
     *                      refused
     * @param caughtUp      whether the slave has confirmed everything this master held at some point since it last
     *                      fell more than {@code haSlaveFallbehindMax} behind
     * @param refusedReason why the master refuses to stream to it (the slave is ahead), or {@code null}
     */
    public record Slave(String address, long requestOffset, long ackedOffset, long behindBytes, boolean caughtUp,
            String refusedReason) {
    }

    /** Where a slave's replication stands. */
    public enum LinkState {
        /** No master address known yet (neither {@code haMasterAddress} nor one learnt at run time). */
        NO_MASTER,
        /** Not connected; the next attempt follows shortly. */
        CONNECTING,
        /** Connected and applying the master's frames. */
        REPLICATING,
        /** Replication stopped for a reason that needs the operator (see {@link Master#reason()}). */
        STOPPED
    }

    /**
     * A slave's link to its master.
     *
     * @param address          the master's HA address, or {@code null}
     * @param state            connected, trying, or stopped
     * @param reason           why replication stopped or the last connection ended, or {@code null}
     * @param slaveMaxOffset   this slave's commit-log end
     * @param masterOffsetSeen the highest master offset named by a frame (a frame's offset plus its size); the HA
     *                         protocol never carries the master's end, so bytes behind are only known on the master
     *                         ({@link Slave#behindBytes()}); -1 before the first frame
     * @param caughtUp         whether the last frame was a heartbeat, i.e. the master had nothing more to send
     */
    public record Master(String address, LinkState state, String reason, long slaveMaxOffset, long masterOffsetSeen,
            boolean caughtUp) {

        /** Whether the slave is connected to its master. */
        public boolean connected() {
            return state == LinkState.REPLICATING;
        }
    }
}
