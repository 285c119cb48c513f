package io.apogee.client.consumer;

import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

/** Runs a push consumer's listener over pulled messages and moves offsets past what was consumed. */
interface ConsumeService {

    void start();

    /** Stops the consume threads, waiting up to {@code awaitMillis} for running batches. */
    void shutdown(long awaitMillis);

    /** The pool running the listener ({@link ConsumeThreads}). */
    ThreadPoolExecutor consumeThreads();

    /**
     * Hands over messages just pulled from {@code mq}.
     *
     * @param dispatchToConsume for orderly consumption: whether no consume task runs for this queue yet
     */
    void submit(List<MessageExt> msgs, ProcessQueue pq, MessageQueue mq, boolean dispatchToConsume);
}
