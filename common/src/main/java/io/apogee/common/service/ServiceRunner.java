package io.apogee.common.service;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ServiceLoop} on a dedicated daemon thread: steps back to back while there is work, and idles for the
 * loop's interval (or until {@link #wakeup()}) when a step reports none.
 */
public final class ServiceRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    private final ServiceLoop loop;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeCondition = lock.newCondition();
    private final Thread thread;
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
                if (step() == 0) {
                    idle();
                }
            }
        } finally {
            loop.onClose();
        }
    }

    private int step() {
        try {
            return loop.doWork();
        } catch (Exception | AssertionError e) {
            LOG.error("{} step failed", loop.roleName(), e);
            return 0;
        }
    }

    private void idle() {
        lock.lock();
        try {
            long remaining = idleNanos;
            while (!woken && running && remaining > 0) {
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
