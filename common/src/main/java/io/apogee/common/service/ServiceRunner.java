package io.apogee.common.service;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ServiceLoop} on a dedicated daemon thread: steps back to back while there is work, and idles for the
 * loop's interval (or until {@link #wakeup()}) when a step reports none. A step that throws is retried after a
 * back-off that doubles from {@link #MIN_BACKOFF_NANOS} to {@link #MAX_BACKOFF_NANOS} (reset by the next step that
 * succeeds), and its failures are logged once each, then counted ({@link DistinctErrorLog}).
 */
public final class ServiceRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);
    /** First wait after a failed step. */
    static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Longest wait between retries of a failing step. */
    static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ServiceLoop loop;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeCondition = lock.newCondition();
    private final Thread thread;
    private final DistinctErrorLog errors;
    private long backoffNanos;
    private boolean woken;
    private volatile boolean running;

    /**
     * @param loop     the duty to run
     * @param idleTime how long to idle after a step that did no work
     * @param unit     unit of {@code idleTime}
     */
    public ServiceRunner(ServiceLoop loop, long idleTime, TimeUnit unit) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.idleNanos = unit.toNanos(idleTime);
        this.thread = new Thread(this::run, loop.roleName());
        this.thread.setDaemon(true);
        this.errors = new DistinctErrorLog(LOG, loop.roleName());
    }

    /** Starts the loop's thread. */
    public void start() {
        running = true;
        thread.start();
    }

    /** Ends an idle wait early so the next step runs now. */
    public void wakeup() {
        lock.lock();
        try {
            woken = true;
            wakeCondition.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the loop is started and not yet closed. */
    public boolean isRunning() {
        return running;
    }

    /** Stops the loop, waits for the running step to finish and for {@link ServiceLoop#onClose()}. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            loop.onStart();
            while (running) {
                int work = step();
                if (work < 0) {
                    idle(backoffNanos, false);
                } else if (work == 0) {
                    idle(idleNanos, true);
                }
            }
        } finally {
            loop.onClose();
        }
    }

    /** The work the step did, or -1 when it failed. */
    private int step() {
        try {
            int work = loop.doWork();
            backoffNanos = 0;
            return Math.max(work, 0);
        } catch (Exception | AssertionError e) {
            errors.record(e, System.nanoTime());
            backoffNanos = Math.min(MAX_BACKOFF_NANOS, Math.max(MIN_BACKOFF_NANOS, backoffNanos * 2));
            return -1;
        }
    }

    /** Waits {@code nanos}, or less when closed or, if {@code wakeable}, when woken (a back-off is not cut short). */
    private void idle(long nanos, boolean wakeable) {
        lock.lock();
        try {
            long remaining = nanos;
            while (!(wakeable && woken) && running && remaining > 0) {
                remaining = wakeCondition.awaitNanos(remaining);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
