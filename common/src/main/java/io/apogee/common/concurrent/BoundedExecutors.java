package io.apogee.common.concurrent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Thread pools with a bounded queue: when the queue is full, {@code execute} throws instead of growing memory. */
public final class BoundedExecutors {

    private BoundedExecutors() {
    }

    /**
     * A fixed pool of daemon threads named {@code name_N} with a queue of at most {@code queueCapacity} tasks; a
     * task offered to a full queue is rejected with {@link java.util.concurrent.RejectedExecutionException}.
     */
    public static ThreadPoolExecutor fixed(String name, int threads, int queueCapacity) {
        return growing(name, threads, threads, queueCapacity);
    }

    /**
     * Like {@link #fixed}, with {@code coreThreads} threads that grow to {@code maxThreads} only while the queue is
     * full (as {@link ThreadPoolExecutor} does), the extra ones ending after 60 s idle.
     */
    public static ThreadPoolExecutor growing(String name, int coreThreads, int maxThreads, int queueCapacity) {
        return new ThreadPoolExecutor(coreThreads, maxThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new NamedThreadFactory(name, true),
                new ThreadPoolExecutor.AbortPolicy());
    }
}
