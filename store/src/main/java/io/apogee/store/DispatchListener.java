package io.apogee.store;

/**
 * Told when a message reached its consume queue (the broker's long polling wakes parked pulls with it). Called on
 * the dispatch thread: must return quickly and not block.
 */
@FunctionalInterface
public interface DispatchListener {

    /**
     * @param topic          the queue's topic
     * @param queueId        the queue id
     * @param maxOffset      the queue's max offset now (the new message's offset + 1)
     * @param tagsCode       the new message's tag code
     * @param storeTimestamp the new message's store time
     */
    void onDispatched(String topic, int queueId, long maxOffset, long tagsCode, long storeTimestamp);
}
