package io.apogee.client.consumer;

import io.apogee.client.consumer.listener.ConsumeOrderlyContext;
import io.apogee.client.consumer.listener.ConsumeOrderlyStatus;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.common.message.MessageExt;
import io.apogee.common.service.PeriodicTask;
import io.apogee.common.service.ServiceRunner;
import io.apogee.common.message.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes each queue's messages in queue order, one batch at a time per queue. When clustering, a queue is only
 * consumed while this client holds its broker lock (renewed periodically); a failed batch pauses the queue and is
 * consumed again, until maxReconsumeTimes sends it to the DLQ.
 */
final class ConsumeOrderlyService implements ConsumeService {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeOrderlyService.class);
    /** A consume task yields its thread after this long, so one busy queue cannot starve the others. */
    private static final long MAX_TIME_CONSUME_CONTINUOUSLY = 60_000;

    /** Delay before a consume task whose queue lock is missing looks again. */
    private static final long DELAY_WHEN_NOT_LOCKED = 100;
    /** Delay before a consume task that yielded after MAX_TIME_CONSUME_CONTINUOUSLY goes on. */
    private static final long DELAY_AFTER_YIELD = 10;

    private final DefaultMQPushConsumer config;
    private final MessageListenerOrderly listener;
    private final Redelivery redelivery;
    private final OffsetStore offsetStore;
    private final QueueLocks locks;
    private final TaskScheduler scheduler;
    private final ThreadPoolExecutor executor;
    private final ServiceRunner lockRenewal;
    private final Map<MessageQueue, Object> queueLocks = new ConcurrentHashMap<>();

    ConsumeOrderlyService(DefaultMQPushConsumer config, MessageListenerOrderly listener, Redelivery redelivery,
            OffsetStore offsetStore, QueueLocks locks, TaskScheduler scheduler) {
        this.config = config;
        this.listener = listener;
        this.redelivery = redelivery;
        this.offsetStore = offsetStore;
        this.locks = locks;
        this.scheduler = scheduler;
        this.executor = ConsumeThreads.create(config);
        this.lockRenewal = new ServiceRunner(new PeriodicTask("ApogeeOrderlyLock_" + config.getConsumerGroup(),
                locks::lockAll), config.getLockInterval(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        if (locks.required()) {
            lockRenewal.start();
        }
    }

    @Override
    public void shutdown(long awaitMillis) {
        lockRenewal.close();
        ConsumeThreads.shutdown(executor, awaitMillis);
        locks.unlockAll();
    }

    @Override
    public ThreadPoolExecutor consumeThreads() {
        return executor;
    }

    @Override
    public void submit(List<MessageExt> msgs, ProcessQueue pq, MessageQueue mq, boolean dispatchToConsume) {
        if (dispatchToConsume) {
            schedule(pq, mq, 0);
        }
    }

    private void schedule(ProcessQueue pq, MessageQueue mq, long delayMillis) {
        Runnable task = () -> {
            try {
                executor.execute(() -> consumeQueue(pq, mq));
            } catch (RejectedExecutionException e) {
                LOG.debug("orderly consume of {} not scheduled: shutting down", mq);
            }
        };
        if (delayMillis <= 0) {
            task.run();
        } else {
            scheduler.schedule(task, delayMillis);
        }
    }

    private void consumeQueue(ProcessQueue pq, MessageQueue mq) {
        if (pq.isDropped()) {
            return;
        }
        synchronized (queueLocks.computeIfAbsent(mq, k -> new Object())) {
            long start = System.currentTimeMillis();
            while (!pq.isDropped()) {
                if (locks.required() && (!pq.isLocked() || pq.isLockExpired())) {
                    locks.lockLater(mq);
                    schedule(pq, mq, DELAY_WHEN_NOT_LOCKED);
                    return;
                }
                if (System.currentTimeMillis() - start > MAX_TIME_CONSUME_CONTINUOUSLY) {
                    schedule(pq, mq, DELAY_AFTER_YIELD);
                    return;
                }
                List<MessageExt> msgs = pq.takeMessages(config.getConsumeMessageBatchMaxSize());
                if (msgs.isEmpty()) {
                    return;
                }
                if (!consumeBatch(msgs, pq, mq)) {
                    return;
                }
            }
        }
    }

    /** Runs the listener on one batch; false when the queue pauses (the batch will be consumed again). */
    private boolean consumeBatch(List<MessageExt> msgs, ProcessQueue pq, MessageQueue mq) {
        msgs.forEach(redelivery::restoreAppTopic);
        ConsumeOrderlyContext context = new ConsumeOrderlyContext(mq);
        ConsumeTracer tracer = config.consumeTracer();
        ConsumeTracer.Consumption traced = null;
        ConsumeOrderlyStatus status;
        int returnType = ConsumeTracer.SUCCESS;
        pq.consumeLock().lock();
        try {
            if (pq.isDropped()) {
                return false;
            }
            traced = tracer == null ? null : tracer.before(msgs);
            status = listener.consumeMessage(msgs, context);
        } catch (RuntimeException e) {
            LOG.warn("orderly listener of group {} failed on {}", config.getConsumerGroup(), mq, e);
            status = ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            returnType = ConsumeTracer.EXCEPTION;
        } finally {
            pq.consumeLock().unlock();
        }
        if (tracer != null) {
            boolean ok = status == ConsumeOrderlyStatus.SUCCESS;
            int code = status == null ? ConsumeTracer.RETURN_NULL : returnType;
            tracer.after(traced, ok, ok || code != ConsumeTracer.SUCCESS ? code : ConsumeTracer.FAILED);
        }
        if (status == ConsumeOrderlyStatus.SUCCESS) {
            commit(pq, mq);
            return true;
        }
        if (sendToDlqIfExhausted(msgs, mq)) {
            commit(pq, mq);
            return true;
        }
        msgs.forEach(m -> m.setReconsumeTimes(m.getReconsumeTimes() + 1));
        pq.makeMessagesToConsumeAgain(msgs);
        long suspend = context.getSuspendCurrentQueueTimeMillis() >= 0 ? context.getSuspendCurrentQueueTimeMillis()
                : config.getSuspendCurrentQueueTimeMillis();
        schedule(pq, mq, suspend);
        return false;
    }

    private void commit(ProcessQueue pq, MessageQueue mq) {
        long offset = pq.commit();
        if (offset >= 0 && !pq.isDropped()) {
            offsetStore.updateOffset(mq, offset, false);
        }
    }

    /** Messages retried maxReconsumeTimes go to the DLQ. */
    private boolean sendToDlqIfExhausted(List<MessageExt> msgs, MessageQueue mq) {
        int max = redelivery.maxReconsumeTimes();
        for (MessageExt m : msgs) {
            if (m.getReconsumeTimes() < max) {
                return false;
            }
        }
        for (MessageExt m : msgs) {
            m.setReconsumeTimes(max);
            if (!redelivery.sendBack(m, Redelivery.DELAY_LEVEL_DLQ, mq)) {
                return false;
            }
        }
        return true;
    }
}
