package io.apogee.store.ha;

import io.apogee.common.config.ConfigException;
import io.apogee.common.service.ServiceLoop;
import io.apogee.store.HaStatus;
import io.apogee.store.HaStatus.LinkState;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slave's side of replication, one service loop: connects to the master's HA address, reports its commit-log end
 * (on connect, after applying frames, and every {@code haSendHeartbeatInterval}), and appends each frame's bytes at
 * the frame's offset, which must be its own end (an empty log takes the master's starting file). While connected a
 * step waits in its selector (at most until the next report is due) and returns 1; while disconnected it returns 0,
 * so the runner's idle time is the reconnect delay.
 *
 * <p>Offsets: this loop is the only writer of the slave's commit log, so "own end" cannot move under it. A frame
 * above the own end closes the connection (the next one starts from the own end again); a frame below it means the
 * master's log ends before this slave's, i.e. the master lost its tail: replication {@link LinkState#STOPPED stops}
 * with an ERROR naming both offsets and the fix, and stays stopped until the store restarts or the master address
 * changes, so the logs never diverge silently. A restart of either side resumes from the own end; nothing is
 * copied again.
 */
public final class HaClient implements ServiceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(HaClient.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 3000;
    private static final int READ_BUFFER_SIZE = 4 * 1024 * 1024;
    private static final long MAX_WAIT_MILLIS = 1000;

    private final MessageStoreConfig config;
    private final CommitLog commitLog;
    private final Runnable onAppended;
    private final long heartbeatNanos;
    private final long housekeepingNanos;
    private final ByteBuffer report = ByteBuffer.allocate(HaProtocol.REPORT_SIZE);
    private ByteBuffer reads = ByteBuffer.allocate(READ_BUFFER_SIZE);
    private Selector selector;
    private SocketChannel channel;
    private long lastReadNanos;
    private long lastReportNanos;
    private long reportedOffset;
    private boolean connectFailureLogged;
    private String connectedTo;

    private volatile String masterAddress;
    private volatile boolean addressChanged;
    private volatile boolean closing;
    private volatile LinkState state;
    private volatile String reason;
    private volatile long masterOffsetSeen = -1;
    private volatile boolean caughtUp;

    /**
     * @param onAppended run after replicated bytes were appended (wakes the dispatch)
     */
    public HaClient(MessageStoreConfig config, CommitLog commitLog, Runnable onAppended) {
        this.config = config;
        this.commitLog = commitLog;
        this.onAppended = onAppended;
        this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(config.getHaSendHeartbeatInterval());
        this.housekeepingNanos = TimeUnit.MILLISECONDS.toNanos(config.getHaHousekeepingInterval());
        String configured = config.getHaMasterAddress();
        this.masterAddress = configured.isEmpty() ? null : configured;
        this.state = masterAddress == null ? LinkState.NO_MASTER : LinkState.CONNECTING;
    }

    @Override
    public String roleName() {
        return "ApogeeHaClient";
    }

    /**
     * Sets the master's HA address ({@code host:port}); a change closes the current connection at the next step
     * and clears a stop, since a new master is checked afresh. The same address again changes nothing. The caller
     * wakes the loop.
     *
     * @throws ConfigException when {@code address} is not {@code host:port}
     */
    public void updateMasterAddress(String address) {
        MessageStoreConfig.haAddress("haMasterAddress", address);
        String previous = masterAddress;
        if (address.equals(previous)) {
            return;
        }
        masterAddress = address;
        addressChanged = true;
        LOG.info("HA master address changed from {} to {}", previous, address);
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    /** The link's state for the broker's status. */
    public HaStatus.Master status() {
        return new HaStatus.Master(masterAddress, state, reason, commitLog.maxOffset(), masterOffsetSeen, caughtUp);
    }

    /** Makes the loop idle from now on, so its runner closes at once; the store is closing. */
    public void shutdown() {
        closing = true;
        wakeup();
    }

    /** Ends a wait in the selector (closing, or a new address). */
    public void wakeup() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    @Override
    public void onStart() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector for the HA client", e);
        }
    }

    @Override
    public void onClose() {
        disconnect("store closing");
        try {
            selector.close();
        } catch (IOException e) {
            LOG.warn("closing the HA client's selector failed", e);
        }
    }

    @Override
    public int doWork() {
        if (closing) {
            return 0;
        }
        if (addressChanged) {
            addressChanged = false;
            disconnect("master address changed");
            if (state == LinkState.STOPPED || state == LinkState.NO_MASTER) {
                state = LinkState.CONNECTING;
                reason = null;
            }
        }
        if (state == LinkState.STOPPED || masterAddress == null) {
            return 0;
        }
        try {
            if (channel == null && !connect()) {
                return 0;
            }
            step();
            return 1;
        } catch (IOException e) {
            disconnect(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return 0;
        }
    }

    private boolean connect() throws IOException {
        String address = masterAddress;
        InetSocketAddress a = MessageStoreConfig.haAddress("haMasterAddress", address);
        SocketChannel ch = SocketChannel.open();
        try {
            ch.socket().setTcpNoDelay(true);
            ch.socket().connect(new InetSocketAddress(a.getHostString(), a.getPort()), CONNECT_TIMEOUT_MILLIS);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            ch.close();
            if (!connectFailureLogged) {
                connectFailureLogged = true;
                LOG.warn("HA client cannot connect to master {}: {}; retrying every second", address, e.getMessage());
            }
            reason = "cannot connect to " + address + ": " + e.getMessage();
            return false;
        }
        channel = ch;
        connectedTo = address;
        connectFailureLogged = false;
        reads.clear();
        lastReadNanos = System.nanoTime();
        state = LinkState.REPLICATING;
        reason = null;
        sendReport(lastReadNanos);
        LOG.info("HA client connected to master {}, reported offset {}", address, reportedOffset);
        return true;
    }

    private void step() throws IOException {
        long now = System.nanoTime();
        long waitNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS),
                heartbeatNanos - (now - lastReportNanos));
        if (waitNanos > 0 && !addressChanged && !closing) {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
        }
        selector.selectedKeys().clear();
        now = System.nanoTime();
        int n = channel.read(reads);
        if (n < 0) {
            throw new EOFException("closed by the master");
        }
        if (n > 0) {
            lastReadNanos = now;
            if (!applyFrames()) {
                return;
            }
        }
        if (commitLog.maxOffset() > reportedOffset || now - lastReportNanos >= heartbeatNanos) {
            sendReport(now);
        }
        if (now - lastReadNanos > housekeepingNanos) {
            throw new IOException("nothing from the master for "
                    + TimeUnit.NANOSECONDS.toMillis(now - lastReadNanos) + " ms");
        }
    }

    /** Applies every complete frame in the read buffer; false when replication stopped. */
    private boolean applyFrames() throws IOException {
        int end = reads.position();
        int p = 0;
        while (end - p >= HaProtocol.HEADER_SIZE) {
            long offset = reads.getLong(p);
            int size = reads.getInt(p + 8);
            if (size < 0 || size > config.getMappedFileSizeCommitLog()) {
                throw new IOException("bad frame size " + size + " at master offset " + offset);
            }
            if (end - p - HaProtocol.HEADER_SIZE < size) {
                break;
            }
            if (!apply(offset, reads.slice(p + HaProtocol.HEADER_SIZE, size))) {
                return false;
            }
            p += HaProtocol.HEADER_SIZE + size;
        }
        reads.flip().position(p);
        reads.compact();
        if (p == 0 && !reads.hasRemaining()) {
            reads = ByteBuffer.allocate(reads.capacity() * 2).put(reads.flip());
        }
        return true;
    }

    private boolean apply(long offset, ByteBuffer data) throws IOException {
        long own = commitLog.maxOffset();
        if (own != 0 && offset != own) {
            if (offset < own) {
                stopAhead(offset, own);
                return false;
            }
            throw new IOException("master sent offset " + offset + " but this slave's commit log ends at " + own);
        }
        int size = data.remaining();
        if (size > 0) {
            if (!commitLog.appendRaw(offset, data)) {
                throw new IOException("cannot append " + size + " replicated bytes at offset " + offset
                        + " (commit log ends at " + commitLog.maxOffset() + ")");
            }
            onAppended.run();
        }
        caughtUp = size == 0;
        masterOffsetSeen = Math.max(masterOffsetSeen, offset + size);
        return true;
    }

    private void stopAhead(long masterEnd, long own) {
        String why = "this slave's commit log ends at " + own + ", beyond its master " + connectedTo + " (ends at "
                + masterEnd + "): the master lost its tail";
        LOG.error("HA replication STOPPED: this slave's commit log ends at {} but master {} ends at {} ({} bytes "
                + "ahead); the master lost its tail (restored from an older disk, or cut by crash recovery) and "
                + "copying it now would make the logs diverge. Fix: stop this slave, move its store directory {} "
                + "aside and restart it, so it copies the master afresh; or, if the {} bytes only this slave holds "
                + "must be kept, make this slave the master", own, connectedTo, masterEnd, own - masterEnd,
                config.rootDir(), own - masterEnd);
        disconnect("stopped: slave ahead of master");
        state = LinkState.STOPPED;
        reason = why;
    }

    private void sendReport(long now) throws IOException {
        long own = commitLog.maxOffset();
        report.clear();
        report.putLong(own).flip();
        for (int i = 0; i < 3 && report.hasRemaining(); i++) {
            channel.write(report);
        }
        if (report.hasRemaining()) {
            throw new IOException("the master does not read reports");
        }
        reportedOffset = own;
        lastReportNanos = now;
    }

    private void disconnect(String why) {
        SocketChannel ch = channel;
        if (ch == null) {
            return;
        }
        channel = null;
        try {
            ch.close();
        } catch (IOException e) {
            LOG.warn("closing the HA connection to {} failed", connectedTo, e);
        }
        if (state != LinkState.STOPPED) {
            state = masterAddress == null ? LinkState.NO_MASTER : LinkState.CONNECTING;
            reason = why;
        }
        caughtUp = false;
        LOG.info("HA client disconnected from master {}: {}", connectedTo, why);
    }
}
