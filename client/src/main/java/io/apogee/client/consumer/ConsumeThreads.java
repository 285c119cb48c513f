package io.apogee.client.consumer;

import io.apogee.common.concurrent.NamedThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The consume thread pool of a push consumer: consumeThreadMin..Max daemon threads named after the group. */
final class ConsumeThreads {

    private ConsumeThreads() {
    }

    static ThreadPoolExecutor create(DefaultMQPushConsumer config) {
        return new ThreadPoolExecutor(config.getConsumeThreadMin(), config.getConsumeThreadMax(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedThreadFactory("ApogeeConsumeMessageThread_" + config.getConsumerGroup(), true));
    }

    /**
     * RocketMQ's {@code updateCorePoolSize}: the pool keeps {@code corePoolSize} threads from now on, when it is
     * positive and below {@code consumeThreadMax}; any other value is ignored, as RocketMQ ignores it.
     */
    static void updateCorePoolSize(ThreadPoolExecutor executor, DefaultMQPushConsumer config, int corePoolSize) {
        if (corePoolSize > 0 && corePoolSize < config.getConsumeThreadMax()) {
            executor.setCorePoolSize(corePoolSize);
        }
    }

    /** Lets running batches finish for up to {@code awaitMillis}, then interrupts them. */
    static void shutdown(ExecutorService executor, long awaitMillis) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(awaitMillis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
