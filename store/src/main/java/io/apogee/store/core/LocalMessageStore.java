package io.apogee.store.core;

import io.apogee.common.message.MessageExt;
import io.apogee.common.service.ServiceRunner;
import io.apogee.store.BrokerRole;
import io.apogee.store.ConsumeQueueEntry;
import io.apogee.store.DispatchListener;
import io.apogee.store.FlushDiskType;
import io.apogee.store.GetMessageResult;
import io.apogee.store.HaStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.QueryMessageResult;
import io.apogee.store.StoreStats;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.commitlog.CommitLogDispatcher;
import io.apogee.store.commitlog.RecordParser;
import io.apogee.store.dispatch.ReputService;
import io.apogee.store.file.MappedFileQueue;
import io.apogee.store.file.PreallocateService;
import io.apogee.store.file.PrefaultService;
import io.apogee.store.flush.AsyncFlushService;
import io.apogee.store.flush.ConsumeQueueFlushService;
import io.apogee.store.flush.GroupCommitService;
import io.apogee.store.ha.HaClient;
import io.apogee.store.ha.MasterReplication;
import io.apogee.store.index.IndexService;
import io.apogee.store.queue.ConsumeQueue;
import io.apogee.store.queue.ConsumeQueueTable;
import io.apogee.store.queue.QueueReader;
import io.apogee.store.recovery.StoreCheckpoint;
import io.apogee.store.recovery.StoreRecovery;
import io.apogee.store.retention.CleanService;
import io.apogee.store.stats.StoreStatsCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-based {@link MessageStore}: wires commit log, consume queues, key index, dispatch, flush, recovery,
 * retention, statistics and replication, and owns their lifecycle (start in dependency order, close in reverse).
 * A master runs {@link MasterReplication}, a SLAVE an {@link HaClient} that is the only writer of its commit log.
 */
public final class LocalMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMessageStore.class);
    /**
     * How often the prefault service looks at the write position: it re-touches once half its margin is used, so
     * with the default 16 MiB margin it keeps ahead of appends up to 800 MB/s.
     */
    private static final long PREFAULT_POLL_MILLIS = 10;
    /** Longest {@link #awaitDispatched} wait: well below the 3 s a client gives an admin request. */
    static final long DISPATCH_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The settings the store was built with: every key but the {@code @Live} ones is read from it, once. */
    private final MessageStoreConfig config;
    /** The settings in force, for the {@code @Live} keys. */
    private final Supplier<MessageStoreConfig> configs;
    private final Path abortFile;
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputService reput;
    private final StoreRecovery recovery;
    private final QueueReader reader;
    private final KeyQuery keyQuery;
    private final GroupCommitService groupCommit;
    private final ConsumeQueueFlushService queueFlush;
    private final CleanService clean;
    /** Prepares the next commit-log file ahead; {@code null} when {@code warmMapedFileEnable} is off. */
    private final PreallocateService preallocate;
    private final StoreStatsCounters counters = new StoreStatsCounters();
    private final List<ServiceRunner> runners = new ArrayList<>();
    private final ServiceRunner flushRunner;
    private final ServiceRunner reputRunner;
    /** Set on a master, {@code null} on a slave. */
    private final MasterReplication master;
    /** Set on a slave, {@code null} on a master. */
    private final HaClient haClient;
    private final ServiceRunner haClientRunner;
    private volatile boolean running;

    /** A store on fixed settings. */
    public LocalMessageStore(MessageStoreConfig config) {
        this(() -> config);
    }

    /**
     * A store on published settings: read once here, except the {@code @Live} keys (retention, read batch sizes, the
     * query default), which retention and reads take from {@code configs} on every use.
     */
    public LocalMessageStore(Supplier<MessageStoreConfig> configs) {
        MessageStoreConfig config = configs.get();
        this.config = config;
        this.configs = configs;
        Path root = config.rootDir();
        this.abortFile = root.resolve("abort");
        this.commitLog = new CommitLog(new MappedFileQueue(config.commitLogDir(), config.getMappedFileSizeCommitLog()),
                config.getMaxMessageSize());
        this.queues = new ConsumeQueueTable(root.resolve("consumequeue"), config.getMappedFileSizeConsumeQueue());
        this.index = new IndexService(root.resolve("index"), config.getMaxHashSlotNum(), config.getMaxIndexNum());
        RecordParser parser = new RecordParser(config.delayLevelMillis());
        List<CommitLogDispatcher> dispatchers = new ArrayList<>(List.of(queues));
        if (config.isMessageIndexEnable()) {
            dispatchers.add(index);
        }
        this.reput = new ReputService(commitLog, parser, dispatchers);
        StoreCheckpoint checkpoint = new StoreCheckpoint(root.resolve("checkpoint"));
        this.recovery = new StoreRecovery(commitLog, queues, index, reput, parser, checkpoint);
        this.reader = new QueueReader(queues, commitLog, configs);
        this.keyQuery = new KeyQuery(index, commitLog);
        this.queueFlush = new ConsumeQueueFlushService(commitLog, reput, queues, index, checkpoint);
        this.clean = new CleanService(configs, commitLog, queues, index, reput);
        this.preallocate = config.isWarmMapedFileEnable() ? new PreallocateService(commitLog.files(),
                PreallocateService.ZEROS) : null;
        if (config.getFlushDiskType() == FlushDiskType.SYNC_FLUSH) {
            this.groupCommit = new GroupCommitService(commitLog, config.getSyncFlushTimeout());
            this.flushRunner = new ServiceRunner(groupCommit, 10, TimeUnit.MILLISECONDS);
        } else {
            this.groupCommit = null;
            this.flushRunner = new ServiceRunner(new AsyncFlushService(commitLog, config),
                    config.getFlushIntervalCommitLog(), TimeUnit.MILLISECONDS);
        }
        this.reputRunner = new ServiceRunner(reput, 1, TimeUnit.MILLISECONDS);
        if (config.getBrokerRole().isMaster()) {
            this.master = new MasterReplication(config, commitLog);
            this.haClient = null;
            this.haClientRunner = null;
        } else {
            this.master = null;
            this.haClient = new HaClient(config, commitLog, reputRunner::wakeup);
            this.haClientRunner = new ServiceRunner(haClient, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void start() throws IOException {
        Files.createDirectories(config.rootDir());
        boolean crashed = Files.exists(abortFile);
        recovery.recover(crashed);
        if (master != null) {
            master.start();
        }
        Files.writeString(abortFile, "");
        clean.checkDisk();
        runners.add(flushRunner);
        runners.add(reputRunner);
        runners.add(new ServiceRunner(queueFlush, config.getFlushIntervalConsumeQueue(), TimeUnit.MILLISECONDS));
        runners.add(new ServiceRunner(clean, config.getCleanResourceInterval(), TimeUnit.MILLISECONDS));
        runners.add(new ServiceRunner(counters, 1, TimeUnit.SECONDS));
        if (preallocate != null) {
            ServiceRunner runner = new ServiceRunner(preallocate, 100, TimeUnit.MILLISECONDS);
            preallocate.onTaken(runner::wakeup);
            commitLog.files().setNextFileSource(preallocate);
            runners.add(runner);
        }
        if (config.getCommitLogPrefaultAhead() > 0) {
            runners.add(new ServiceRunner(new PrefaultService(commitLog.files(), config.getCommitLogPrefaultAhead()),
                    PREFAULT_POLL_MILLIS, TimeUnit.MILLISECONDS));
        }
        if (groupCommit != null) {
            runners.add(new ServiceRunner(groupCommit.timeoutWatch(), Math.max(1, config.getSyncFlushTimeout() / 20),
                    TimeUnit.MILLISECONDS));
        }
        if (haClientRunner != null) {
            runners.add(haClientRunner);
        }
        runners.forEach(ServiceRunner::start);
        running = true;
        LOG.info("store started at {} ({}, {}), commit log [{}, {})", config.rootDir(), config.getBrokerRole(),
                config.getFlushDiskType(), commitLog.minOffset(), commitLog.maxOffset());
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        if (master != null) {
            master.close();
        }
        if (haClient != null) {
            haClient.shutdown();
        }
        if (preallocate != null) {
            preallocate.shutdown();
        }
        for (int i = runners.size() - 1; i >= 0; i--) {
            runners.get(i).close();
        }
        runners.clear();
        try {
            reput.dispatchUpTo(commitLog.maxOffset(), Integer.MAX_VALUE, false);
            commitLog.flush(0);
            queueFlush.flushAll();
            queues.close();
            index.close();
            commitLog.files().close();
            Files.deleteIfExists(abortFile);
        } catch (IOException e) {
            throw new UncheckedIOException("store shutdown incomplete; next start recovers as after a crash", e);
        }
        LOG.info("store closed at {}, commit log ends at {}", config.rootDir(), commitLog.maxOffset());
    }

    @Override
    public CompletableFuture<PutMessageResult> putMessage(MessageExt message) {
        return put(List.of(message));
    }

    @Override
    public CompletableFuture<PutMessageResult> putMessages(List<MessageExt> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL));
        }
        MessageExt head = messages.get(0);
        for (MessageExt m : messages) {
            if (!head.getTopic().equals(m.getTopic()) || head.getQueueId() != m.getQueueId()) {
                return CompletableFuture.completedFuture(PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL));
            }
        }
        return put(messages);
    }

    private CompletableFuture<PutMessageResult> put(List<MessageExt> messages) {
        if (master == null) {
            counters.onPutFailed();
            return CompletableFuture.completedFuture(PutMessageResult.failed(PutMessageStatus.SERVICE_NOT_AVAILABLE));
        }
        boolean wait = messages.get(0).isWaitStoreMsgOK();
        boolean waitFlush = groupCommit != null && wait;
        if (waitFlush) {
            groupCommit.beginAppend();
        }
        PutMessageResult r = !running ? PutMessageResult.failed(PutMessageStatus.SERVICE_NOT_AVAILABLE)
                : clean.isDiskFull() ? PutMessageResult.failed(PutMessageStatus.DISK_FULL)
                : commitLog.appendBatch(messages);
        if (!r.isOk()) {
            if (waitFlush) {
                groupCommit.endAppend();
            }
            counters.onPutFailed();
            return CompletableFuture.completedFuture(r);
        }
        counters.onPut(r.msgNum(), r.wroteBytes());
        master.onAppended();
        CompletableFuture<PutMessageResult> flushed;
        if (waitFlush) {
            flushed = groupCommit.submit(r);
            flushRunner.wakeup();
        } else {
            if (groupCommit != null || !config.isFlushCommitLogTimed()) {
                flushRunner.wakeup();
            }
            flushed = CompletableFuture.completedFuture(r);
        }
        if (!wait || config.getBrokerRole() != BrokerRole.SYNC_MASTER) {
            return flushed;
        }
        return flushed.thenCombine(master.awaitSlave(r), LocalMessageStore::flushedAndReplicated);
    }

    /** SYNC_FLUSH and SYNC_MASTER together: both waits run at once; a replication failure wins, as in RocketMQ. */
    private static PutMessageResult flushedAndReplicated(PutMessageResult flushed, PutMessageResult replicated) {
        return replicated.isOk() ? flushed : flushed.withStatus(replicated.status());
    }

    @Override
    public GetMessageResult getMessage(String group, String topic, int queueId, long offset, int maxMsgNums,
            MessageFilter filter) {
        return reader.read(topic, queueId, offset, maxMsgNums, filter);
    }

    /**
     * Waits for dispatch to pass the commit log's end as it is now: every acknowledged append lies below it, since an
     * append is acknowledged only after its bytes are written, and the end only moves past written records.
     */
    @Override
    public boolean awaitDispatched() {
        if (master == null) {
            return true;
        }
        long end = commitLog.maxOffset();
        if (reput.reputFromOffset() >= end) {
            return true;
        }
        reputRunner.wakeup();
        try {
            return reput.awaitDispatched(end, DISPATCH_WAIT_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public long getMaxOffsetInQueue(String topic, int queueId) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.maxOffset();
    }

    @Override
    public long getMinOffsetInQueue(String topic, int queueId) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.minOffset();
    }

    @Override
    public long getOffsetInQueueByTime(String topic, int queueId, long timestamp) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.offsetByTime(timestamp, commitLog::storeTimestampAt);
    }

    @Override
    public long getEarliestMessageTime(String topic, int queueId) {
        return getMessageStoreTimestamp(topic, queueId, getMinOffsetInQueue(topic, queueId));
    }

    @Override
    public long getMessageStoreTimestamp(String topic, int queueId, long offset) {
        ConsumeQueue cq = queues.find(topic, queueId);
        ByteBuffer entries = cq == null || offset >= cq.maxOffset() ? null : cq.entriesFrom(offset);
        return entries == null ? -1 : commitLog.storeTimestampAt(entries.getLong(0));
    }

    @Override
    public Optional<List<ConsumeQueueEntry>> readConsumeQueue(String topic, int queueId, long index, int count) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? Optional.empty() : Optional.of(cq.entries(index, count));
    }

    @Override
    public Set<String> queuedTopics() {
        Set<String> topics = new HashSet<>();
        queues.all().forEach(cq -> topics.add(cq.topic()));
        return topics;
    }

    @Override
    public int deleteExpiredFiles() {
        return clean.clean(true);
    }

    @Override
    public ByteBuffer selectOneMessageByOffset(long commitLogOffset) {
        return commitLog.recordAt(commitLogOffset);
    }

    @Override
    public MessageExt lookMessageByOffset(long commitLogOffset) {
        return commitLog.lookMessage(commitLogOffset);
    }

    @Override
    public QueryMessageResult queryMessage(String topic, String key, int maxNum, long begin, long end) {
        return keyQuery.query(topic, key, maxNum > 0 ? maxNum : configs.get().getDefaultQueryMaxNum(), begin, end);
    }

    @Override
    public void deleteTopics(Set<String> topics) {
        for (String topic : topics) {
            try {
                queues.deleteTopic(topic);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the consume queues of " + topic, e);
            }
            commitLog.removeTopic(topic);
            LOG.info("deleted consume queues of topic {}", topic);
        }
    }

    @Override
    public long getMinPhyOffset() {
        return commitLog.minOffset();
    }

    @Override
    public long getMaxPhyOffset() {
        return commitLog.maxOffset();
    }

    @Override
    public ByteBuffer getCommitLogData(long offset, int maxBytes) {
        return commitLog.readRaw(offset, maxBytes);
    }

    @Override
    public boolean appendToCommitLog(long offset, ByteBuffer data) {
        boolean ok = running && commitLog.appendRaw(offset, data);
        if (ok) {
            reputRunner.wakeup();
        }
        return ok;
    }

    @Override
    public void addDispatchListener(DispatchListener listener) {
        reput.addListener(listener);
    }

    @Override
    public boolean isDiskFull() {
        return clean.isDiskFull();
    }

    /** The ratio's verdict when it refuses appends, else a lack of room for the next commit-log file if any. */
    @Override
    public String describeDiskUse() {
        if (clean.isDiskFull() || preallocate == null) {
            return clean.describeDiskUse();
        }
        return preallocate.noSpace().orElseGet(clean::describeDiskUse);
    }

    @Override
    public void countClientRead(GetMessageResult result) {
        counters.onGet(result.messageCount());
    }

    @Override
    public StoreStats stats() {
        return new StoreStats(counters.putTimes(), counters.putBytes(), counters.putFailures(), counters.getFound(),
                counters.getMiss(), counters.getTransferred(), counters.putTps(), counters.getTransferredTps(),
                commitLog.minOffset(), commitLog.maxOffset(), clean.diskRatio(), reput.behindBytes(),
                Math.max(0, commitLog.maxOffset() - commitLog.flushedOffset()));
    }

    @Override
    public void updateHaMasterAddress(String address) {
        if (haClient == null) {
            LOG.debug("ignoring HA master address {}: this store is a {}", address, config.getBrokerRole());
            return;
        }
        haClient.updateMasterAddress(address);
        haClient.wakeup();
        haClientRunner.wakeup();
    }

    @Override
    public HaStatus haStatus() {
        return master != null
                ? new HaStatus(config.getBrokerRole(), master.port(), master.slaves(), null)
                : new HaStatus(config.getBrokerRole(), 0, List.of(), haClient.status());
    }

    /** The service preparing the next commit-log file, {@code null} when off; for tests. */
    public PreallocateService preallocateService() {
        return preallocate;
    }

    /** The retention service, for tests and admin commands that run a round synchronously. */
    public CleanService cleanService() {
        return clean;
    }
}
