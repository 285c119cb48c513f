package io.apogee.store.dispatch;

import io.apogee.common.service.ServiceLoop;
import io.apogee.store.DispatchListener;
import io.apogee.store.commitlog.CommitLog;
import io.apogee.store.commitlog.CommitLogDispatcher;
import io.apogee.store.commitlog.DispatchRequest;
import io.apogee.store.commitlog.RecordParser;
import io.apogee.store.file.MappedFile;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the commit log behind the writers ("reput") and hands every record to the dispatchers (consume queues, key
 * index), then tells the listeners. A queue's max offset therefore only covers dispatched records; a reader that
 * must see every record appended so far {@link #awaitDispatched waits} for dispatch to pass the commit log's end.
 */
public final class ReputService implements ServiceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ReputService.class);
    /** Records per step, so a long backlog does not starve shutdown. */
    private static final int MAX_RECORDS_PER_STEP = 8192;

    private final CommitLog commitLog;
    private final RecordParser parser;
    private final List<CommitLogDispatcher> dispatchers;
    private final List<DispatchListener> listeners = new CopyOnWriteArrayList<>();
    private volatile long reputFromOffset;
    /** Readers in {@link #awaitDispatched}; a step signals {@link #progress} only when there are some. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Object progress = new Object();

    public ReputService(CommitLog commitLog, RecordParser parser, List<CommitLogDispatcher> dispatchers) {
        this.commitLog = commitLog;
        this.parser = parser;
        this.dispatchers = List.copyOf(dispatchers);
    }

    @Override
    public String roleName() {
        return "ApogeeReput";
    }

    /** Registers a listener for records that reached a consume queue. */
    public void addListener(DispatchListener listener) {
        listeners.add(listener);
    }

    /** Commit-log offset of the next record to dispatch. */
    public long reputFromOffset() {
        return reputFromOffset;
    }

    /** Sets where dispatch continues (recovery). */
    public void setReputFromOffset(long offset) {
        this.reputFromOffset = offset;
    }

    /** Bytes appended but not yet dispatched. */
    public long behindBytes() {
        return Math.max(0, commitLog.maxOffset() - reputFromOffset);
    }

    @Override
    public int doWork() throws IOException {
        int count;
        try {
            count = dispatchUpTo(commitLog.maxOffset(), MAX_RECORDS_PER_STEP, true);
        } catch (InternalError e) {
            // SIGBUS on a mapped page (its disk is full): the loop logs it and retries after a back-off.
            throw new IOException("a mapped write failed at commit-log offset " + reputFromOffset, e);
        }
        if (waiting.get() > 0) {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
        return count;
    }

    /**
     * Waits until dispatch has passed commit-log offset {@code target}, at most {@code timeoutNanos}. The caller wakes
     * the loop if it may be idle. No signal is lost: a step writes {@link #reputFromOffset} before it reads
     * {@link #waiting}, a waiter counts itself in before it reads the offset (both volatile), so either the step sees
     * the waiter or the waiter sees the step's offset.
     *
     * @return whether dispatch passed {@code target} in time
     */
    public boolean awaitDispatched(long target, long timeoutNanos) throws InterruptedException {
        if (reputFromOffset >= target) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        waiting.incrementAndGet();
        try {
            synchronized (progress) {
                while (reputFromOffset < target) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(progress, remaining);
                }
            }
            return true;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /**
     * Dispatches records from {@link #reputFromOffset()} to {@code end}, at most {@code maxRecords}.
     *
     * @param notify whether to tell the listeners (not during recovery)
     * @return records dispatched
     */
    public int dispatchUpTo(long end, int maxRecords, boolean notify) throws IOException {
        int count = 0;
        long offset = Math.max(reputFromOffset, commitLog.minOffset());
        while (offset < end && count < maxRecords) {
            MappedFile file = commitLog.files().find(offset);
            if (file == null) {
                break;
            }
            int position = (int) (offset - file.fromOffset());
            DispatchRequest r = parser.parse(file.buffer(), position, file.wrotePosition(), file.fromOffset(), false);
            switch (r.kind()) {
                case MESSAGE -> {
                    dispatch(r, notify);
                    offset += r.size();
                    count++;
                }
                case BLANK -> offset = file.fromOffset() + file.fileSize();
                case END -> {
                    return count;
                }
                default -> {
                    LOG.error("no valid record at commit-log offset {} (end {}); skipping to the next file", offset,
                            end);
                    offset = file.fromOffset() + file.fileSize();
                }
            }
            reputFromOffset = offset;
        }
        return count;
    }

    private void dispatch(DispatchRequest r, boolean notify) throws IOException {
        for (CommitLogDispatcher d : dispatchers) {
            d.dispatch(r);
        }
        if (notify && r.isConsumable()) {
            for (DispatchListener l : listeners) {
                l.onDispatched(r.topic(), r.queueId(), r.queueOffset() + 1, r.tagsCode(), r.storeTimestamp());
            }
        }
    }
}
