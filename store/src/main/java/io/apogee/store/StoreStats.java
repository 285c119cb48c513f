package io.apogee.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the store's runtime statistics, for the broker's runtime info and the console.
 *
 * @param putMessageTimesTotal          messages appended
 * @param putMessageSizeTotal           bytes appended
 * @param putMessageFailedTimes         appends refused or failed
 * @param getMessageTimesTotalFound     reads that returned messages
 * @param getMessageTimesTotalMiss      reads that returned none
 * @param getMessageTransferredMsgCount messages returned by reads
 * @param putTps                        appended messages per second over the last minute
 * @param getTransferredTps             read messages per second over the last minute
 * @param commitLogMinOffset            oldest commit-log offset held
 * @param commitLogMaxOffset            commit-log end
 * @param commitLogDiskRatio            fraction of the commit log's file system in use
 * @param dispatchBehindBytes           commit-log bytes not yet dispatched to queues and index
 * @param flushBehindBytes              commit-log bytes written but not yet flushed to disk
 */
public record StoreStats(long putMessageTimesTotal, long putMessageSizeTotal, long putMessageFailedTimes,
        long getMessageTimesTotalFound, long getMessageTimesTotalMiss, long getMessageTransferredMsgCount,
        double putTps, double getTransferredTps, long commitLogMinOffset, long commitLogMaxOffset,
        double commitLogDiskRatio, long dispatchBehindBytes, long flushBehindBytes) {

    /** The snapshot as RocketMQ-style runtime-info key/value strings. */
    public Map<String, String> toRuntimeInfo() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("putMessageTimesTotal", String.valueOf(putMessageTimesTotal));
        m.put("putMessageSizeTotal", String.valueOf(putMessageSizeTotal));
        m.put("putMessageFailedTimes", String.valueOf(putMessageFailedTimes));
        m.put("getMessageTimesTotalFound", String.valueOf(getMessageTimesTotalFound));
        m.put("getMessageTimesTotalMiss", String.valueOf(getMessageTimesTotalMiss));
        m.put("getMessageTransferedMsgCount", String.valueOf(getMessageTransferredMsgCount));
        m.put("putTps", String.format("%.2f", putTps));
        m.put("getTransferedTps", String.format("%.2f", getTransferredTps));
        m.put("commitLogMinOffset", String.valueOf(commitLogMinOffset));
        m.put("commitLogMaxOffset", String.valueOf(commitLogMaxOffset));
        m.put("commitLogDiskRatio", String.format("%.4f", commitLogDiskRatio));
        m.put("dispatchBehindBytes", String.valueOf(dispatchBehindBytes));
        return m;
    }
}
