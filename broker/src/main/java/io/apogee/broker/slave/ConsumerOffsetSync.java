package io.apogee.broker.slave;

import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.common.consumer.TopicGroup;
import java.util.Map;

/**
 * Applies the master's consumer offsets to a slave's. RocketMQ's slave takes every offset the master has; this one
 * does too, except an offset the master has not moved since the previous sync while the slave's differs: that one a
 * consumer committed to the slave while the master was away (clients commit to the slave when no master is in the
 * route), and the master's value is only what it held before it went down, so the slave keeps its own until the
 * master's moves (its consumers commit to it again). The first sync after the slave starts takes the master's
 * values, as RocketMQ does. Offsets the master lacks are kept.
 *
 * <p>Only the sync loop calls this, so the previous table needs no lock.
 */
final class ConsumerOffsetSync {

    private Map<TopicGroup, Map<Integer, Long>> previous = Map.of();

    /**
     * @return how many offsets of the slave changed
     */
    int apply(Map<TopicGroup, Map<Integer, Long>> master, ConsumerOffsetManager offsets) {
        int changed = 0;
        for (Map.Entry<TopicGroup, Map<Integer, Long>> entry : master.entrySet()) {
            TopicGroup key = entry.getKey();
            Map<Integer, Long> before = previous.getOrDefault(key, Map.of());
            for (Map.Entry<Integer, Long> queue : entry.getValue().entrySet()) {
                long offset = queue.getValue();
                boolean masterMoved = !before.containsKey(queue.getKey()) || before.get(queue.getKey()) != offset;
                if (masterMoved && offsets.queryOffset(key.group(), key.topic(), queue.getKey()) != offset) {
                    offsets.commitOffset(key.group(), key.topic(), queue.getKey(), offset);
                    changed++;
                }
            }
        }
        previous = master;
        return changed;
    }
}
