package io.apogee.client.consumer.rebalance;

/** Places a key on the ring of {@link AllocateMessageQueueConsistentHash}. */
@FunctionalInterface
public interface HashFunction {

    long hash(String key);
}
