package io.apogee.client.consumer;

import io.apogee.client.consumer.store.OffsetStore;
import io.apogee.client.consumer.store.ReadOffsetType;
import io.apogee.client.impl.consumer.ConsumerPuller;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.client.impl.consumer.PullRequest;
import io.apogee.client.impl.consumer.PullThresholds;
import io.apogee.common.admin.ProcessQueueInfo;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.message.MessageExt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The queues a push consumer owns, each with its process queue and one pull request through the shared
 * {@link ConsumerPuller}: taken and released by the rebalancer, moved by offset resets, paused by suspend. Pulled
 * messages go to the consume service; a queue that reports nothing left to consume moves its offset forward.
 */
final class PushQueues implements Rebalancer.QueueOwner {

    /** How long a queue whose offset the broker called illegal stays dropped before its corrected offset is stored. */
    static final long DELAY_WHEN_OFFSET_ILLEGAL = 10_000;

    private final Map<MessageQueue, ProcessQueue> table;
    private final ConsumerPuller puller;
    private final OffsetStore offsetStore;
    private final ConsumeService consumeService;
    private final QueueLocks locks;
    private final IntFunction<PullThresholds> thresholdsFor;
    private volatile PullThresholds thresholds;
    private final boolean orderly;
    private final TaskScheduler scheduler;
    private final Runnable rebalanceNow;
    private volatile boolean paused;

    /**
     * @param table        the process-queue table this class fills (the consume service and locks read it)
     * @param thresholdsFor each queue's flow-control limits when the consumer owns that many queues (0 at start)
     * @param rebalanceNow  asks for a rebalance, which takes back queues dropped for a new offset
     */
    PushQueues(Map<MessageQueue, ProcessQueue> table, ConsumerPuller puller, ConsumeService consumeService,
            QueueLocks locks, IntFunction<PullThresholds> thresholdsFor, boolean orderly, TaskScheduler scheduler,
            Runnable rebalanceNow) {
        this.table = table;
        this.puller = puller;
        this.offsetStore = puller.offsetStore();
        this.consumeService = consumeService;
        this.locks = locks;
        this.thresholdsFor = thresholdsFor;
        this.thresholds = thresholdsFor.apply(0);
        this.orderly = orderly;
        this.scheduler = scheduler;
        this.rebalanceNow = rebalanceNow;
    }

    @Override
    public Set<MessageQueue> ownedQueues(String topic) {
        return table.keySet().stream().filter(mq -> mq.getTopic().equals(topic)).collect(Collectors.toSet());
    }

    @Override
    public boolean release(MessageQueue mq) {
        ProcessQueue pq = table.get(mq);
        if (pq == null) {
            return true;
        }
        pq.setDropped(true);
        offsetStore.persist(mq);
        offsetStore.removeOffset(mq);
        table.remove(mq);
        locks.unlock(mq, pq);
        ownedQueuesChanged();
        return true;
    }

    /** Re-divides topic-wide limits over the queues now owned, as RocketMQ does when its queues change. */
    private void ownedQueuesChanged() {
        int owned = table.size();
        if (owned > 0) {
            thresholds = thresholdsFor.apply(owned);
        }
    }

    @Override
    public boolean acquire(MessageQueue mq) {
        if (!locks.lock(mq)) {
            return false;
        }
        offsetStore.removeOffset(mq);
        long offset = puller.startOffset(mq);
        if (offset < 0) {
            return false;
        }
        ProcessQueue pq = new ProcessQueue();
        if (orderly) {
            pq.setLocked(true);
        }
        if (table.putIfAbsent(mq, pq) != null) {
            return false;
        }
        ownedQueuesChanged();
        puller.pullNow(new Request(mq, pq, offset));
        return true;
    }

    /** The broker moved the group's offsets: drop those queues, store the new offsets, let rebalancing retake them. */
    void resetOffsets(Map<MessageQueue, Long> offsets) {
        offsets.forEach((mq, offset) -> {
            ProcessQueue pq = table.remove(mq);
            if (pq != null) {
                pq.setDropped(true);
            }
            offsetStore.updateOffset(mq, offset, false);
            offsetStore.persist(mq);
        });
        rebalanceNow.run();
    }

    /** Stops or resumes pulling every queue (messages already pulled are still consumed). */
    void setPaused(boolean paused) {
        this.paused = paused;
    }

    /** Persists the offsets of every owned queue. */
    void persistOffsets() {
        offsetStore.persistAll(table.keySet());
    }

    /** Drops every queue (shutdown): no further pulls or consumption. */
    void dropAll() {
        table.values().forEach(pq -> pq.setDropped(true));
    }

    /** Each owned queue's state, for GET_CONSUMER_RUNNING_INFO. */
    Map<MessageQueue, ProcessQueueInfo> describe() {
        Map<MessageQueue, ProcessQueueInfo> infos = new TreeMap<>();
        table.forEach((mq, pq) -> {
            ProcessQueueInfo info = new ProcessQueueInfo();
            info.setCommitOffset(offsetStore.readOffset(mq, ReadOffsetType.READ_FROM_MEMORY));
            info.setCachedMsgCount(pq.messageCount());
            info.setLocked(pq.isLocked());
            info.setDroped(pq.isDropped());
            info.setLastPullTimestamp(pq.lastPullTimestamp());
            info.setLastConsumeTimestamp(pq.lastConsumeTimestamp());
            infos.put(mq, info);
        });
        return infos;
    }

    /** After an illegal offset: store the corrected one and let the next rebalance take the queue again. */
    private void resetDroppedQueue(MessageQueue mq, ProcessQueue pq, long offset) {
        offsetStore.updateOffset(mq, offset, false);
        offsetStore.persist(mq);
        table.remove(mq, pq);
        rebalanceNow.run();
    }

    /** One owned queue's pulls: held while paused, over a threshold, or (orderly) not locked. */
    private final class Request extends PullRequest {

        Request(MessageQueue mq, ProcessQueue pq, long offset) {
            super(mq, pq, offset);
        }

        @Override
        protected Hold hold() {
            if (paused) {
                return Hold.PAUSED;
            }
            if (thresholds.exceededBy(processQueue())) {
                return Hold.LOCAL_FLOW_CONTROL;
            }
            return locks.required() && !processQueue().isLocked() ? Hold.NOT_READY : Hold.NONE;
        }

        @Override
        protected void onMessages(List<MessageExt> messages) {
            boolean dispatch = processQueue().putMessages(messages);
            consumeService.submit(messages, processQueue(), messageQueue(), dispatch);
        }

        @Override
        protected void onNothingToConsume(long nextBeginOffset) {
            if (processQueue().messageCount() == 0) {
                offsetStore.updateOffset(messageQueue(), nextBeginOffset, true);
            }
        }

        @Override
        protected void onOffsetIllegal(long nextBeginOffset) {
            ProcessQueue pq = processQueue();
            pq.setDropped(true);
            scheduler.schedule(() -> resetDroppedQueue(messageQueue(), pq, nextBeginOffset), DELAY_WHEN_OFFSET_ILLEGAL);
        }
    }
}
