package io.apogee.client.consumer;

/** Runs a task later, off the caller's thread: the client instance's scheduler as consumer parts see it. */
@FunctionalInterface
interface TaskScheduler {

    /** Runs {@code task} after {@code delayMillis}; dropped once the client instance is shut down. */
    void schedule(Runnable task, long delayMillis);
}
