package io.apogee.client.consumer;

import io.apogee.client.consumer.listener.ConsumeOrderlyContext;
import io.apogee.client.consumer.listener.ConsumeOrderlyStatus;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.common.message.StoredMessage;
import io.apogee.common.service.PeriodicTask;
import io.apogee.common.service.ServiceRunner;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.consumer.MessageModel;
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

    private final PushConsumerEngine engine;
    private final MessageListenerOrderly listener;
    private final ThreadPoolExecutor executor;
    private final ServiceRunner lockRenewal;
    private final Map<MessageQueue, Object> queueLocks = new ConcurrentHashMap<>();

    ConsumeOrderlyService(PushConsumerEngine engine, MessageListenerOrderly listener) {
        this.engine = engine;
        this.listener = listener;
        DefaultMQPushConsumer config = engine.config();
        this.executor = ConsumeThreads.create(config);
        this.lockRenewal = new ServiceRunner(new PeriodicTask("ApogeeOrderlyLock_" + config.getConsumerGroup(),
                engine::lockAll), config.getLockInterval(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        if (engine.config().getMessageModel() == MessageModel.CLUSTERING) {
            lockRenewal.start();
        }
    }

    @Override
    public void shutdown(long awaitMillis) {
        lockRenewal.close();
        ConsumeThreads.shutdown(executor, awaitMillis);
        engine.unlockAll();
    }

    @Override
    public void submit(List<StoredMessage> msgs, ProcessQueue pq, MessageQueue mq, boolean dispatchToConsume) {
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
            engine.instance().schedule(task, delayMillis);
        }
    }

    private void consumeQueue(ProcessQueue pq, MessageQueue mq) {
        if (pq.isDropped()) {
            return;
        }
        boolean clustering = engine.config().getMessageModel() == MessageModel.CLUSTERING;
        synchronized (queueLocks.computeIfAbsent(mq, k -> new Object())) {
            long start = System.currentTimeMillis();
            while (!pq.isDropped()) {
                if (clustering && (!pq.isLocked() || pq.isLockExpired())) {
                    engine.lockQueueLater(mq, pq);
                    schedule(pq, mq, 100);
                    return;
                }
                if (System.currentTimeMillis() - start > MAX_TIME_CONSUME_CONTINUOUSLY) {
                    schedule(pq, mq, 10);
                    return;
                }
                List<StoredMessage> msgs = pq.takeMessages(engine.config().getConsumeMessageBatchMaxSize());
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
    private boolean consumeBatch(List<StoredMessage> msgs, ProcessQueue pq, MessageQueue mq) {
        msgs.forEach(engine::restoreRetryTopic);
        ConsumeOrderlyContext context = new ConsumeOrderlyContext(mq);
        ConsumeOrderlyStatus status;
        pq.consumeLock().lock();
        try {
            if (pq.isDropped()) {
                return false;
            }
            status = listener.consumeMessage(msgs, context);
        } catch (RuntimeException e) {
            LOG.warn("orderly listener of group {} failed on {}", engine.config().getConsumerGroup(), mq, e);
            status = ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
        } finally {
            pq.consumeLock().unlock();
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
                : engine.config().getSuspendCurrentQueueTimeMillis();
        schedule(pq, mq, suspend);
        return false;
    }

    private void commit(ProcessQueue pq, MessageQueue mq) {
        long offset = pq.commit();
        if (offset >= 0 && !pq.isDropped()) {
            engine.offsetStore().updateOffset(mq, offset, false);
        }
    }

    /** Messages retried maxReconsumeTimes go to the DLQ (sent back with a negative delay level). */
    private boolean sendToDlqIfExhausted(List<StoredMessage> msgs, MessageQueue mq) {
        int max = engine.maxReconsumeTimes();
        for (StoredMessage m : msgs) {
            if (m.getReconsumeTimes() < max) {
                return false;
            }
        }
        for (StoredMessage m : msgs) {
            m.setReconsumeTimes(max);
            if (!engine.sendMessageBack(m, -1, mq)) {
                return false;
            }
        }
        return true;
    }
}
