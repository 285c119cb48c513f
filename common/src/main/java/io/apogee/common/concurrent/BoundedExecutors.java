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
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                new NamedThreadFactory(name, true), new ThreadPoolExecutor.AbortPolicy());
    }
}
