package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.impl.MQClientInstance;
import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.common.message.MessageQueue;
import io.apogee.common.route.BrokerData;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.remoting.protocol.body.UnlockBatchRequestBody;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker locks of an orderly clustering consumer (LOCK_BATCH_MQ / UNLOCK_BATCH_MQ): it consumes a queue only
 * while its master says this client holds the queue, so two clients never consume one queue at once across a
 * rebalance. Every other consumer needs no lock: then locking always succeeds and unlocking does nothing.
 */
final class QueueLocks {

    /** Delay before re-locking a queue whose lock a consume task found missing or expired. */
    private static final long RELOCK_DELAY_MILLIS = 10;
    /** How long an unlock waits for a running orderly batch of the queue to finish. */
    private static final long UNLOCK_WAIT_SECONDS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(QueueLocks.class);

    private final String group;
    private final boolean required;
    private final MQClientInstance instance;
    private final Map<MessageQueue, ProcessQueue> processQueues;

    /**
     * @param required      whether the consumer is orderly and clustering
     * @param processQueues the consumer's owned queues (read only here): their locked flags follow the answers
     */
    QueueLocks(String group, boolean required, MQClientInstance instance,
            Map<MessageQueue, ProcessQueue> processQueues) {
        this.group = group;
        this.required = required;
        this.instance = instance;
        this.processQueues = processQueues;
    }

    /** Whether queues must be locked before they are consumed. */
    boolean required() {
        return required;
    }

    /** Locks {@code mq} now; true when this client holds it (always, when no lock is required). */
    boolean lock(MessageQueue mq) {
        return !required || lock(Set.of(mq)).contains(mq);
    }

    /** Renews the locks of every owned queue, one request per broker. */
    void lockAll() {
        if (!required) {
            return;
        }
        Map<String, Set<MessageQueue>> byBroker = new HashMap<>();
        processQueues.keySet().forEach(mq -> byBroker.computeIfAbsent(mq.getBrokerName(),
                b -> new LinkedHashSet<>()).add(mq));
        byBroker.values().forEach(this::lock);
    }

    /** Tries to (re)lock {@code mq} soon, off the consume thread. */
    void lockLater(MessageQueue mq) {
        if (required) {
            instance.schedule(() -> lock(Set.of(mq)), RELOCK_DELAY_MILLIS);
        }
    }

    /** Locks queues of one broker; updates their process queues; returns the queues now held. */
    private Set<MessageQueue> lock(Set<MessageQueue> mqs) {
        String brokerName = mqs.iterator().next().getBrokerName();
        String addr = instance.findBrokerAddressInSubscribe(brokerName, BrokerData.MASTER_ID);
        if (addr == null) {
            return Set.of();
        }
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setConsumerGroup(group);
        body.setClientId(instance.clientId());
        body.setMqSet(new LinkedHashSet<>(mqs));
        Set<MessageQueue> held;
        try {
            held = instance.manageApi().lockBatch(addr, body);
        } catch (RemotingException | MQBrokerException e) {
            LOG.warn("lock of {} queues at {} failed: {}", mqs.size(), addr, e.getMessage());
            held = Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
        for (MessageQueue mq : mqs) {
            ProcessQueue pq = processQueues.get(mq);
            if (pq != null) {
                pq.setLocked(held.contains(mq));
            }
        }
        return held;
    }

    /** Releases every owned queue's lock (orderly shutdown). */
    void unlockAll() {
        if (required) {
            processQueues.forEach(this::unlock);
        }
    }

    /** Releases {@code mq}'s lock once no batch of it is being consumed (or after a short wait, not at all). */
    void unlock(MessageQueue mq, ProcessQueue pq) {
        if (!required) {
            return;
        }
        String addr = instance.findBrokerAddressInSubscribe(mq.getBrokerName(), BrokerData.MASTER_ID);
        if (addr == null) {
            return;
        }
        UnlockBatchRequestBody body = new UnlockBatchRequestBody();
        body.setConsumerGroup(group);
        body.setClientId(instance.clientId());
        body.setMqSet(new LinkedHashSet<>(List.of(mq)));
        try {
            if (pq.consumeLock().tryLock(UNLOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                try {
                    instance.manageApi().unlockBatchOneway(addr, body);
                } finally {
                    pq.consumeLock().unlock();
                }
            }
        } catch (RemotingException e) {
            LOG.warn("unlock of {} at {} failed: {}", mq, addr, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
