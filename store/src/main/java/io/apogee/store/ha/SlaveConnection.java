package io.apogee.store.ha;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.HaStatus;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.commitlog.CommitLog;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slave's connection on the master, run as one service loop: each step reads the slave's offset reports,
 * writes the next commit-log frame (or a heartbeat when idle for {@code haSendHeartbeatInterval}) and closes the
 * connection after {@code haHousekeepingInterval} without a report. When a step has nothing to do it waits on the
 * connection's selector (readable, writable when a frame is half written, or {@link #wakeup()} after an append), at
 * most {@link #MAX_WAIT_MILLIS}: that select is this loop's idle, so the step never returns 0.
 *
 * <p>Offsets: {@code nextTransferOffset} and the frame in flight belong to the loop thread. {@link #sentOffset()} is
 * the end of the last frame written completely to the socket. {@link #ackedOffset()} is the slave's latest report and
 * nothing else; a report is accepted only if it does not go backwards and does not pass {@code sentOffset} (a slave
 * cannot hold bytes it was not sent; the first report, where the transfer starts, may not pass this master's end).
 * A report that breaks this closes the connection, so a confused or foreign peer can never make the master count
 * unconfirmed bytes as replicated (apache/rocketmq #1155, #3015).
 *
 * <p>A slave whose first report passes this master's end is ahead of it (the master lost its tail): it is refused,
 * never streamed to and never counted; it is sent one heartbeat header carrying this master's end, which a slave
 * (ours or Apache's) sees as an offset below its own end and so stops or disconnects instead of diverging.
 */
final class SlaveConnection implements ServiceLoop {

    /** Told about acknowledgements and the end of the connection. */
    interface Listener {
        /** The slave's acknowledged offset advanced. */
        void onAck(SlaveConnection connection);

        /** The connection is closed; called once, on the connection's loop thread. */
        void onClosed(SlaveConnection connection);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SlaveConnection.class);
    /** Longest idle wait, so a transfer whose append was not signalled still starts within it. */
    static final long MAX_WAIT_MILLIS = 100;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final String address;
    private final CommitLog commitLog;
    private final Listener listener;
    private final int fileSize;
    private final int batchSize;
    private final long fallbehindMax;
    private final long heartbeatNanos;
    private final long housekeepingNanos;
    private final ByteBuffer reports = ByteBuffer.allocate(HaProtocol.REPORT_SIZE * 64);
    private final ByteBuffer header = ByteBuffer.allocate(HaProtocol.HEADER_SIZE);
    private final ByteBuffer[] frame = {header, EMPTY};
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private long nextTransferOffset = -1;
    private long frameEnd = -1;
    private boolean writing;
    private boolean refusalSent;
    private long lastReadNanos;
    private long lastWriteNanos;

    private volatile long requestOffset = -1;
    private volatile long ackedOffset = -1;
    private volatile long sentOffset = -1;
    private volatile boolean caughtUp;
    private volatile String refusedReason;
    private volatile boolean closeRequested;

    SlaveConnection(SocketChannel channel, CommitLog commitLog, MessageStoreConfig config, Listener listener)
            throws IOException {
        this.channel = channel;
        this.commitLog = commitLog;
        this.listener = listener;
        this.address = describe(channel);
        this.fileSize = config.getMappedFileSizeCommitLog();
        this.batchSize = config.getHaTransferBatchSize();
        this.fallbehindMax = config.getHaSlaveFallbehindMax();
        this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(config.getHaSendHeartbeatInterval());
        this.housekeepingNanos = TimeUnit.MILLISECONDS.toNanos(config.getHaHousekeepingInterval());
        header.limit(0);
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        this.selector = Selector.open();
        this.key = channel.register(selector, SelectionKey.OP_READ);
        this.lastReadNanos = System.nanoTime();
        this.lastWriteNanos = lastReadNanos;
    }

    private static String describe(SocketChannel channel) throws IOException {
        InetSocketAddress a = (InetSocketAddress) channel.getRemoteAddress();
        return a.getAddress().getHostAddress() + ':' + a.getPort();
    }

    @Override
    public String roleName() {
        return "ApogeeHaConnection-" + address;
    }

    String address() {
        return address;
    }

    /** The slave's latest accepted report; -1 before its first one or when it is refused. */
    long ackedOffset() {
        return ackedOffset;
    }

    /** End of the last frame written completely; -1 before the first report. */
    long sentOffset() {
        return sentOffset;
    }

    /** Ends an idle wait (new commit-log bytes, or closing); costs nothing when the loop is busy. */
    void wakeup() {
        if (sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    /** Asks the loop to close the connection at its next step, ending its idle wait. */
    void requestClose() {
        closeRequested = true;
        selector.wakeup();
    }

    HaStatus.Slave status() {
        long acked = ackedOffset;
        long behind = acked < 0 ? -1 : Math.max(0, commitLog.maxOffset() - acked);
        return new HaStatus.Slave(address, requestOffset, acked, behind, caughtUp, refusedReason);
    }

    @Override
    public int doWork() {
        if (closed.get()) {
            return 1;
        }
        if (closeRequested) {
            close("master replication closing");
            return 1;
        }
        try {
            long now = System.nanoTime();
            int work = readReports(now) + transfer(now);
            if (now - lastReadNanos > housekeepingNanos) {
                close("no report for " + TimeUnit.NANOSECONDS.toMillis(now - lastReadNanos) + " ms");
                return 1;
            }
            trackCatchUp();
            if (work == 0) {
                await(now);
            }
        } catch (IOException e) {
            close(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return 1;
    }

    @Override
    public void onClose() {
        close("master replication closing");
    }

    private int readReports(long now) throws IOException {
        int work = 0;
        long last = -1;
        boolean got = false;
        int n;
        while ((n = channel.read(reports)) > 0) {
            work++;
            lastReadNanos = now;
            int complete = reports.position() - reports.position() % HaProtocol.REPORT_SIZE;
            if (complete > 0) {
                last = reports.getLong(complete - HaProtocol.REPORT_SIZE);
                got = true;
                reports.flip().position(complete);
                reports.compact();
            }
        }
        if (n < 0) {
            throw new EOFException("closed by the slave");
        }
        if (got) {
            onReport(last);
        }
        return work;
    }

    private void onReport(long report) throws IOException {
        if (refusedReason != null) {
            return;
        }
        if (requestOffset < 0) {
            onFirstReport(report);
            return;
        }
        if (report < ackedOffset || report > sentOffset) {
            throw new IOException("implausible report " + report + ": acknowledged " + ackedOffset + ", sent "
                    + sentOffset + "; closing so that it is not counted");
        }
        if (report > ackedOffset) {
            ackedOffset = report;
            listener.onAck(this);
        }
    }

    private void onFirstReport(long report) throws IOException {
        long max = commitLog.maxOffset();
        if (report < 0) {
            throw new IOException("negative first report " + report);
        }
        if (report > max) {
            refusedReason = "slave is ahead: its commit log ends at " + report + ", this master's at " + max;
            LOG.error("HA slave {} refused: its commit log ends at {}, beyond this master's end {} ({} bytes); this "
                    + "master lost its tail, so the slave is not replicated to and not counted for SYNC_MASTER. "
                    + "Fix: copy the slave afresh (stop it, move its store directory aside, restart it), or make it "
                    + "the master if the messages only it holds must be kept", address, report, max, report - max);
            return;
        }
        long start = report == 0 ? HaProtocol.fileStart(max, fileSize) : report;
        if (report > 0 && report < commitLog.minOffset()) {
            LOG.error("HA slave {} asks for offset {}, older than this master's oldest {}: it cannot catch up; copy it "
                    + "afresh (stop it, move its store directory aside, restart it)", address, report,
                    commitLog.minOffset());
        }
        nextTransferOffset = start;
        sentOffset = start;
        requestOffset = report;
        ackedOffset = report;
        LOG.info("HA slave {} connected: reported {}, transfer starts at {}, master ends at {}", address, report,
                start, max);
        listener.onAck(this);
    }

    private int transfer(long now) throws IOException {
        if (writing) {
            return writeFrame(now);
        }
        if (refusedReason != null) {
            if (refusalSent) {
                return 0;
            }
            refusalSent = true;
            return startFrame(commitLog.maxOffset(), EMPTY, now);
        }
        if (nextTransferOffset < 0) {
            return 0;
        }
        ByteBuffer data = commitLog.readRaw(nextTransferOffset, batchSize);
        if (data != null) {
            long offset = nextTransferOffset;
            nextTransferOffset += data.remaining();
            return startFrame(offset, data, now);
        }
        return now - lastWriteNanos >= heartbeatNanos ? startFrame(nextTransferOffset, EMPTY, now) : 0;
    }

    private int startFrame(long offset, ByteBuffer data, long now) throws IOException {
        HaProtocol.header(header, offset, data.remaining());
        frame[1] = data;
        frameEnd = offset + data.remaining();
        writing = true;
        return writeFrame(now);
    }

    private int writeFrame(long now) throws IOException {
        long written = channel.write(frame);
        if (header.hasRemaining() || frame[1].hasRemaining()) {
            return written > 0 ? 1 : 0;
        }
        writing = false;
        frame[1] = EMPTY;
        lastWriteNanos = now;
        if (refusedReason == null) {
            sentOffset = frameEnd;
        }
        return 1;
    }

    private void trackCatchUp() {
        long acked = ackedOffset;
        if (acked < 0) {
            return;
        }
        long behind = commitLog.maxOffset() - acked;
        if (!caughtUp && behind <= batchSize) {
            caughtUp = true;
            LOG.info("HA slave {} caught up: acknowledged {}, {} bytes behind", address, acked, behind);
        } else if (caughtUp && behind > fallbehindMax) {
            caughtUp = false;
            LOG.info("HA slave {} fell behind: acknowledged {}, {} bytes behind (haSlaveFallbehindMax {})", address,
                    acked, behind, fallbehindMax);
        }
    }

    private void await(long now) throws IOException {
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        if (nextTransferOffset >= 0 || refusedReason != null) {
            waitNanos = Math.min(waitNanos, heartbeatNanos - (now - lastWriteNanos));
        }
        long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
        key.interestOps(writing ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        sleeping.set(true);
        if (!closeRequested && (writing || !hasDataToSend())) {
            selector.select(waitMillis);
        }
        sleeping.set(false);
        selector.selectedKeys().clear();
    }

    private boolean hasDataToSend() {
        return nextTransferOffset >= 0 && refusedReason == null && commitLog.maxOffset() > nextTransferOffset;
    }

    /** Closes the socket once and tells the listener; the loop's next steps do nothing. */
    void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
            selector.close();
        } catch (IOException e) {
            LOG.warn("HA slave {}: closing the socket failed", address, e);
        }
        LOG.info("HA slave {} disconnected: {} (acknowledged {})", address, reason, ackedOffset);
        listener.onClosed(this);
    }
}
