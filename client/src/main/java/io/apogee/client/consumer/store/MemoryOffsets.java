package io.apogee.client.consumer.store;

import io.apogee.common.message.MessageQueue;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The in-memory half every offset store shares. */
abstract class MemoryOffsets implements OffsetStore {

    final Map<MessageQueue, AtomicLong> offsets = new ConcurrentHashMap<>();

    @Override
    public void updateOffset(MessageQueue mq, long offset, boolean increaseOnly) {
        AtomicLong current = offsets.computeIfAbsent(mq, k -> new AtomicLong(offset));
        if (increaseOnly) {
            current.accumulateAndGet(offset, Math::max);
        } else {
            current.set(offset);
        }
    }

    /** The in-memory offset, or {@link #NO_OFFSET}. */
    long memoryOffset(MessageQueue mq) {
        AtomicLong offset = offsets.get(mq);
        return offset == null ? NO_OFFSET : offset.get();
    }

    @Override
    public void removeOffset(MessageQueue mq) {
        offsets.remove(mq);
    }

    @Override
    public Map<MessageQueue, Long> cloneOffsetTable(String topic) {
        Map<MessageQueue, Long> copy = new TreeMap<>();
        offsets.forEach((mq, offset) -> {
            if (topic == null || topic.equals(mq.getTopic())) {
                copy.put(mq, offset.get());
            }
        });
        return copy;
    }
}
