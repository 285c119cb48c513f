package io.apogee.broker.slave;

import io.apogee.store.HaStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replication in GET_BROKER_RUNTIME_INFO ({@code mqadmin brokerStatus}): on a master its HA port and each connected
 * slave with the bytes it is behind; on a slave its master, whether it replicates and, when not, why, and how the
 * metadata sync stands. RocketMQ 4.9 reports none of this; the keys are Apogee's.
 */
public final class ReplicationInfo {

    private ReplicationInfo() {
    }

    /**
     * @param sync the slave's metadata sync, or {@code null} on a master
     */
    public static Map<String, String> of(HaStatus status, MasterLink master, SlaveSynchronizer sync) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("brokerRole", status.role().name());
        return status.master() == null ? masterSide(status, info) : slaveSide(status.master(), master, sync, info);
    }

    private static Map<String, String> masterSide(HaStatus status, Map<String, String> info) {
        info.put("haListenPort", String.valueOf(status.haListenPort()));
        info.put("haSlaveCount", String.valueOf(status.slaves().size()));
        long maxBehind = -1;
        for (HaStatus.Slave slave : status.slaves()) {
            maxBehind = Math.max(maxBehind, slave.behindBytes());
            info.put("haSlave[" + slave.address() + "]", "behindBytes=" + slave.behindBytes() + " ackedOffset="
                    + slave.ackedOffset() + " caughtUp=" + slave.caughtUp()
                    + (slave.refusedReason() == null ? "" : " refused: " + slave.refusedReason()));
        }
        info.put("haSlaveBehindBytesMax", String.valueOf(maxBehind));
        return info;
    }

    private static Map<String, String> slaveSide(HaStatus.Master link, MasterLink master, SlaveSynchronizer sync,
            Map<String, String> info) {
        info.put("masterAddr", master.masterAddr() == null ? "" : master.masterAddr());
        info.put("haMasterAddress", link.address() == null ? "" : link.address());
        info.put("haReplicating", String.valueOf(link.connected()));
        info.put("haState", link.state().name());
        String why = ReplicationWatch.whyNotReplicating(link, master);
        if (why != null) {
            info.put("haNotReplicatingReason", why);
        }
        info.put("haCaughtUp", String.valueOf(link.caughtUp()));
        info.put("haMasterOffsetSeen", String.valueOf(link.masterOffsetSeen()));
        info.put("slaveSyncLastTimestamp", String.valueOf(sync == null ? 0 : sync.lastSyncMillis()));
        if (sync != null && sync.lastError() != null) {
            info.put("slaveSyncError", sync.lastError());
        }
        return info;
    }
}
