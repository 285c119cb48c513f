package io.apogee.store.ha;

import java.nio.ByteBuffer;

/**
 * RocketMQ 4.9's HA wire format (behaviours.md §9), which is not the remoting frame format.
 *
 * <ul>
 *   <li>Slave to master: 8-byte big-endian reports, each the slave's commit-log end. The master reads the last
 *       complete one; the first one of a connection is where the transfer starts (0 = the start of the master's last
 *       commit-log file).</li>
 *   <li>Master to slave: frames {@code int64 offset | int32 size | size bytes} of raw commit log starting at that
 *       offset, at most {@code haTransferBatchSize} bytes and never across a file end; {@code size = 0} is a
 *       heartbeat, sent after {@code haSendHeartbeatInterval} without writing.</li>
 *   <li>A slave closes the connection when a frame's offset is not its own end (unless its log is empty); either
 *       side closes after {@code haHousekeepingInterval} without reading.</li>
 * </ul>
 * Apache's 4.9 slave sends its first report only {@code haSendHeartbeatInterval} after connecting; ours reports at
 * once. Apache's master closes a connection whose later report passes its end; ours refuses such a slave at its
 * first report (see {@code SlaveConnection}).
 */
public final class HaProtocol {

    /** Bytes of a slave's offset report. */
    public static final int REPORT_SIZE = 8;
    /** Bytes of a frame header: offset and size. */
    public static final int HEADER_SIZE = 12;

    private HaProtocol() {
    }

    /** Clears {@code header} and writes a frame header into it, ready to be written out. */
    public static ByteBuffer header(ByteBuffer header, long offset, int size) {
        header.clear();
        header.putLong(offset).putInt(size).flip();
        return header;
    }

    /** Start of the commit-log file holding {@code offset}: where a slave reporting 0 is served from. */
    public static long fileStart(long offset, int fileSize) {
        return offset - offset % fileSize;
    }
}
