package io.apogee.store.ha;

import io.apogee.common.service.ServiceRunner;
import io.apogee.store.HaStatus;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.commitlog.CommitLog;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master's side of replication: accepts slaves on {@code haListenPort}, runs one {@link SlaveConnection} loop per
 * slave, and for a SYNC_MASTER holds appends until a slave confirmed them ({@link #awaitSlave}).
 *
 * <p>The replicated offset is the highest {@link SlaveConnection#ackedOffset()} over the connections open now: a
 * slave that disconnected no longer counts, and a connection only ever acknowledges what its slave reported.
 */
public final class MasterReplication implements SlaveConnection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(MasterReplication.class);

    private final MessageStoreConfig config;
    private final CommitLog commitLog;
    private final Map<SlaveConnection, ServiceRunner> connections = new ConcurrentHashMap<>();
    private final ReplicaAckService acks;
    private final ServiceRunner ackRunner;
    private SlaveAcceptor acceptor;
    private ServiceRunner acceptorRunner;
    private volatile boolean running;

    public MasterReplication(MessageStoreConfig config, CommitLog commitLog) {
        this.config = config;
        this.commitLog = commitLog;
        this.acks = new ReplicaAckService(this::ackedOffset, config.getSlaveTimeout());
        this.ackRunner = new ServiceRunner(acks, Math.max(1, config.getSlaveTimeout() / 20), TimeUnit.MILLISECONDS);
    }

    /**
     * Binds {@code haListenPort} and starts accepting slaves.
     *
     * @throws IOException when the port cannot be bound
     */
    public synchronized void start() throws IOException {
        running = true;
        ackRunner.start();
        if (config.getHaListenPort() < 0) {
            LOG.info("HA: no haListenPort set, this {} accepts no slaves", config.getBrokerRole());
            return;
        }
        acceptor = new SlaveAcceptor(config.getHaListenPort(), this::accepted);
        acceptorRunner = new ServiceRunner(acceptor, 1, TimeUnit.SECONDS);
        acceptorRunner.start();
        LOG.info("HA master listening for slaves on port {} ({})", acceptor.port(), config.getBrokerRole());
    }

    /** Stops accepting, closes every slave connection and answers the waiting appends. */
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        if (acceptor != null) {
            try {
                acceptor.closeSocket();
            } catch (IOException e) {
                LOG.warn("closing the HA listen socket failed", e);
            }
            acceptorRunner.close();
        }
        for (Map.Entry<SlaveConnection, ServiceRunner> e : connections.entrySet()) {
            e.getKey().requestClose();
            e.getValue().close();
        }
        ackRunner.close();
    }

    /** The bound HA port (the real one when configured as 0); 0 when none. */
    public int port() {
        return acceptor == null ? 0 : acceptor.port();
    }

    private void accepted(SocketChannel channel) {
        SlaveConnection connection;
        try {
            connection = new SlaveConnection(channel, commitLog, config, this);
        } catch (IOException e) {
            LOG.warn("HA: cannot set up an accepted slave connection", e);
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the accept error is logged
            }
            return;
        }
        ServiceRunner runner = new ServiceRunner(connection, 1, TimeUnit.MILLISECONDS);
        connections.put(connection, runner);
        if (!running) {
            connection.close("master replication closing");
            return;
        }
        runner.start();
    }

    /** Tells the connection loops that the commit log grew; cheap when they are busy. */
    public void onAppended() {
        for (SlaveConnection c : connections.keySet()) {
            c.wakeup();
        }
    }

    /**
     * For a SYNC_MASTER append that waits: {@code SLAVE_NOT_AVAILABLE} at once when no slave is connected or the
     * best one is {@code haSlaveFallbehindMax} or more behind the end of the append; else completes once a slave
     * confirmed the append's bytes, or with {@code FLUSH_SLAVE_TIMEOUT} after {@code slaveTimeout}.
     */
    public CompletableFuture<PutMessageResult> awaitSlave(PutMessageResult appended) {
        long end = appended.wroteOffset() + appended.wroteBytes();
        long acked = ackedOffset();
        if (acked < 0 || end - acked >= config.getHaSlaveFallbehindMax()) {
            return CompletableFuture.completedFuture(appended.withStatus(PutMessageStatus.SLAVE_NOT_AVAILABLE));
        }
        CompletableFuture<PutMessageResult> done = acks.submit(appended);
        ackRunner.wakeup();
        return done;
    }

    /** The highest offset a connected slave confirmed, -1 when no slave counts. */
    public long ackedOffset() {
        long best = -1;
        for (SlaveConnection c : connections.keySet()) {
            best = Math.max(best, c.ackedOffset());
        }
        return best;
    }

    /** The connected slaves. */
    public List<HaStatus.Slave> slaves() {
        List<HaStatus.Slave> out = new ArrayList<>();
        for (SlaveConnection c : connections.keySet()) {
            out.add(c.status());
        }
        return out;
    }

    @Override
    public void onAck(SlaveConnection connection) {
        ackRunner.wakeup();
    }

    @Override
    public void onClosed(SlaveConnection connection) {
        ServiceRunner runner = connections.remove(connection);
        if (runner != null) {
            runner.close();
        }
    }
}
