package io.apogee.remoting.netty;

import io.apogee.common.concurrent.NamedThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Request executors for {@code registerProcessor} that serve the connections in turn. */
public final class RequestExecutors {

    private RequestExecutors() {
    }

    /**
     * A fixed pool of daemon threads named {@code name_N} taking tasks from {@code queue}, one connection's request
     * per turn ({@link FairRequestQueue}); a task offered to a full queue is rejected with
     * {@link java.util.concurrent.RejectedExecutionException}, which the endpoint answers {@code SYSTEM_BUSY}. Until
     * all its threads have started, a task may start a thread instead of waiting its turn, as in any
     * {@link ThreadPoolExecutor}.
     */
    public static ThreadPoolExecutor fair(String name, int threads, FairRequestQueue queue) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue,
                new NamedThreadFactory(name, true), new ThreadPoolExecutor.AbortPolicy());
    }

    /** {@link #fair(String, int, FairRequestQueue)} with a queue of at most {@code queueCapacity} tasks. */
    public static ThreadPoolExecutor fair(String name, int threads, int queueCapacity) {
        return fair(name, threads, new FairRequestQueue(queueCapacity));
    }
}
