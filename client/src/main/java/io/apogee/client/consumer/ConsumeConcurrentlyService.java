package io.apogee.client.consumer;

import io.apogee.client.consumer.listener.ConsumeConcurrentlyContext;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.consumer.MessageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes batches on a thread pool in any order. Failed messages (RECONSUME_LATER or an exception) are sent back
 * to the broker for redelivery through the retry topic; those the broker does not take are consumed again locally
 * a little later.
 */
final class ConsumeConcurrentlyService implements ConsumeService {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeConcurrentlyService.class);
    private static final long LOCAL_RETRY_DELAY_MILLIS = 5_000;

    /** Delay level of a message sent back because its consumption outlived consumeTimeout (RocketMQ's 3: 10 s). */
    private static final int EXPIRED_DELAY_LEVEL = 3;

    private final DefaultMQPushConsumer config;
    private final MessageListenerConcurrently listener;
    private final Redelivery redelivery;
    private final OffsetStore offsetStore;
    private final Map<MessageQueue, ProcessQueue> processQueues;
    private final TaskScheduler scheduler;
    private final ThreadPoolExecutor executor;

    /** @param processQueues the consumer's owned queues, read when looking for expired messages */
    ConsumeConcurrentlyService(DefaultMQPushConsumer config, MessageListenerConcurrently listener,
            Redelivery redelivery, OffsetStore offsetStore, Map<MessageQueue, ProcessQueue> processQueues,
            TaskScheduler scheduler) {
        this.config = config;
        this.listener = listener;
        this.redelivery = redelivery;
        this.offsetStore = offsetStore;
        this.processQueues = processQueues;
        this.scheduler = scheduler;
        this.executor = ConsumeThreads.create(config);
    }

    @Override
    public void start() {
        long timeoutMillis = TimeUnit.MINUTES.toMillis(config.getConsumeTimeout());
        scheduler.schedule(() -> cleanExpiredMessages(timeoutMillis), timeoutMillis);
    }

    @Override
    public void shutdown(long awaitMillis) {
        ConsumeThreads.shutdown(executor, awaitMillis);
    }

    @Override
    public ThreadPoolExecutor consumeThreads() {
        return executor;
    }

    @Override
    public void submit(List<MessageExt> msgs, ProcessQueue pq, MessageQueue mq, boolean dispatchToConsume) {
        int batch = Math.max(1, config.getConsumeMessageBatchMaxSize());
        for (int i = 0; i < msgs.size(); i += batch) {
            List<MessageExt> part = List.copyOf(msgs.subList(i, Math.min(msgs.size(), i + batch)));
            execute(part, pq, mq);
        }
    }

    private void execute(List<MessageExt> msgs, ProcessQueue pq, MessageQueue mq) {
        try {
            executor.execute(() -> consume(msgs, pq, mq));
        } catch (RejectedExecutionException e) {
            if (!executor.isShutdown()) {
                scheduler.schedule(() -> execute(msgs, pq, mq), LOCAL_RETRY_DELAY_MILLIS);
            }
        }
    }

    private void consume(List<MessageExt> msgs, ProcessQueue pq, MessageQueue mq) {
        if (pq.isDropped()) {
            return;
        }
        String now = Long.toString(System.currentTimeMillis());
        for (MessageExt m : msgs) {
            redelivery.restoreAppTopic(m);
            m.putProperty(MessageProperty.CONSUME_START_TIMESTAMP, now);
        }
        ConsumeConcurrentlyContext context = new ConsumeConcurrentlyContext(mq);
        ConsumeTracer tracer = config.consumeTracer();
        ConsumeTracer.Consumption traced = tracer == null ? null : tracer.before(msgs);
        ConsumeConcurrentlyStatus status;
        int returnType = ConsumeTracer.SUCCESS;
        try {
            status = listener.consumeMessage(msgs, context);
        } catch (RuntimeException e) {
            LOG.warn("listener of group {} failed on {} messages of {}", config.getConsumerGroup(),
                    msgs.size(), mq, e);
            status = ConsumeConcurrentlyStatus.RECONSUME_LATER;
            returnType = ConsumeTracer.EXCEPTION;
        }
        if (status == null) {
            status = ConsumeConcurrentlyStatus.RECONSUME_LATER;
            returnType = ConsumeTracer.RETURN_NULL;
        }
        if (tracer != null) {
            boolean ok = status == ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            tracer.after(traced, ok, ok || returnType != ConsumeTracer.SUCCESS ? returnType : ConsumeTracer.FAILED);
        }
        if (!pq.isDropped()) {
            processResult(status, context, msgs, pq, mq);
        }
    }

    private void processResult(ConsumeConcurrentlyStatus status, ConsumeConcurrentlyContext context,
            List<MessageExt> msgs, ProcessQueue pq, MessageQueue mq) {
        int ackIndex = status == ConsumeConcurrentlyStatus.CONSUME_SUCCESS
                ? Math.min(context.getAckIndex(), msgs.size() - 1) : -1;
        List<MessageExt> retryLocally = new ArrayList<>();
        if (config.getMessageModel() == MessageModel.CLUSTERING) {
            for (int i = ackIndex + 1; i < msgs.size(); i++) {
                if (!redelivery.sendBack(msgs.get(i), context.getDelayLevelWhenNextConsume(), mq)) {
                    MessageExt m = msgs.get(i);
                    m.setReconsumeTimes(m.getReconsumeTimes() + 1);
                    retryLocally.add(m);
                }
            }
        } else {
            for (int i = ackIndex + 1; i < msgs.size(); i++) {
                LOG.warn("broadcasting group {} dropped failed message {}", config.getConsumerGroup(),
                        msgs.get(i).getMsgId());
            }
        }
        List<MessageExt> done = new ArrayList<>(msgs);
        done.removeAll(retryLocally);
        long offset = pq.removeMessages(done);
        if (offset >= 0 && !pq.isDropped()) {
            offsetStore.updateOffset(mq, offset, true);
        }
        if (!retryLocally.isEmpty()) {
            scheduler.schedule(() -> submit(retryLocally, pq, mq, true), LOCAL_RETRY_DELAY_MILLIS);
        }
    }

    /** Sends back messages whose consumption has run longer than consumeTimeout, then checks again later. */
    private void cleanExpiredMessages(long timeoutMillis) {
        if (executor.isShutdown()) {
            return;
        }
        processQueues.forEach((mq, pq) -> {
            List<MessageExt> expired = pq.expiredMessages(timeoutMillis, MessageProperty.CONSUME_START_TIMESTAMP);
            for (MessageExt m : expired) {
                if (redelivery.sendBack(m, EXPIRED_DELAY_LEVEL, mq)) {
                    long offset = pq.removeMessages(List.of(m));
                    if (offset >= 0) {
                        offsetStore.updateOffset(mq, offset, true);
                    }
                }
            }
        });
        scheduler.schedule(() -> cleanExpiredMessages(timeoutMillis), timeoutMillis);
    }
}
