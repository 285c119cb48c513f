package io.apogee.client.consumer.store;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.common.message.MessageQueue;
import java.util.Map;
import java.util.Set;

/** A consumer group's offsets (the next offset to consume per queue), cached in memory and persisted periodically. */
public interface OffsetStore {

    /** Result of {@link #readOffset} when no offset is stored. */
    long NO_OFFSET = -1;
    /** Result of {@link #readOffset} when the store could not be read (try again later). */
    long READ_FAILED = -2;

    /** Loads persisted offsets, where the store keeps them locally. */
    void load() throws MQClientException;

    /** Sets the in-memory offset; with {@code increaseOnly} a smaller value is ignored. */
    void updateOffset(MessageQueue mq, long offset, boolean increaseOnly);

    /** The offset, {@link #NO_OFFSET} or {@link #READ_FAILED}. */
    long readOffset(MessageQueue mq, ReadOffsetType type);

    /** Persists the offsets of {@code mqs}. */
    void persistAll(Set<MessageQueue> mqs);

    /** Persists one queue's offset. */
    void persist(MessageQueue mq);

    /** Forgets the in-memory offset of a queue this consumer no longer owns. */
    void removeOffset(MessageQueue mq);

    /** The in-memory offsets of {@code topic}'s queues. */
    Map<MessageQueue, Long> cloneOffsetTable(String topic);

    /**
     * Writes {@code offset} of {@code mq} to its broker now, oneway or waiting for the broker's answer; a store
     * that keeps offsets locally does nothing.
     *
     * @throws MQClientException when no broker of {@code mq}'s name is known, even after a route refresh
     */
    void updateConsumeOffsetToBroker(MessageQueue mq, long offset, boolean isOneway)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException;
}
