package io.apogee.tools.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What was sent and what came back, by message id (the body, unique per message): acknowledged sends, failed sends,
 * deliveries per id, and for the ordered topic the highest sequence number first delivered per sharding key.
 */
final class Ledger {

    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Long> highestFirstDelivered = new ConcurrentHashMap<>();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();

    void acked(String id) {
        acked.add(id);
    }

    void failed() {
        failedSends.incrementAndGet();
    }

    /** Records one delivery; returns true when it is the first of {@code id}. */
    boolean delivered(String id) {
        return deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1;
    }

    /**
     * Records the first delivery of sequence number {@code seq} of {@code shardingKey} (sent in that order by one
     * thread); counts it out of order when a higher one of the same key was delivered before.
     */
    void deliveredInOrder(String id, String shardingKey, long seq) {
        if (!delivered(id)) {
            return;
        }
        long before = highestFirstDelivered.merge(shardingKey, seq, Math::max);
        if (before != seq) {
            outOfOrder.incrementAndGet();
        }
    }

    /** Acknowledged ids never delivered, at most {@code limit} of them. */
    List<String> missing(int limit) {
        List<String> missing = new ArrayList<>();
        for (String id : acked) {
            if (!deliveries.containsKey(id)) {
                missing.add(id);
                if (missing.size() >= limit) {
                    break;
                }
            }
        }
        return missing;
    }

    long missingCount() {
        return acked.stream().filter(id -> !deliveries.containsKey(id)).count();
    }

    long ackedCount() {
        return acked.size();
    }

    long failedCount() {
        return failedSends.get();
    }

    long deliveredCount() {
        return deliveries.size();
    }

    /** Ids delivered more than once. */
    long duplicatedCount() {
        return deliveries.values().stream().filter(n -> n.get() > 1).count();
    }

    long outOfOrderCount() {
        return outOfOrder.get();
    }
}
