package io.apogee.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.client.consumer.rebalance.AllocateMessageQueueAveragely;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueAveragelyByCircle;
import io.apogee.client.consumer.rebalance.AllocateMessageQueueStrategy;
import io.apogee.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllocationStrategiesTest {

    private static final List<MessageQueue> QUEUES = IntStream.range(0, 8)
            .mapToObj(i -> new MessageQueue("T", "b", i)).toList();
    private static final List<String> CONSUMERS = List.of("c1", "c2", "c3");

    @Test
    void averagelyGivesContiguousRangesLargestFirst() {
        AllocateMessageQueueStrategy s = new AllocateMessageQueueAveragely();
        assertEquals(QUEUES.subList(0, 3), s.allocate("g", "c1", QUEUES, CONSUMERS));
        assertEquals(QUEUES.subList(3, 6), s.allocate("g", "c2", QUEUES, CONSUMERS));
        assertEquals(QUEUES.subList(6, 8), s.allocate("g", "c3", QUEUES, CONSUMERS));
        assertEquals(List.of(), s.allocate("g", "unknown", QUEUES, CONSUMERS));
        assertEquals(List.of(QUEUES.get(0)), s.allocate("g", "c1", QUEUES.subList(0, 1), CONSUMERS));
        assertEquals(List.of(), s.allocate("g", "c2", QUEUES.subList(0, 1), CONSUMERS));
    }

    @Test
    void byCircleDealsQueuesInTurn() {
        AllocateMessageQueueStrategy s = new AllocateMessageQueueAveragelyByCircle();
        assertEquals(List.of(QUEUES.get(1), QUEUES.get(4), QUEUES.get(7)), s.allocate("g", "c2", QUEUES, CONSUMERS));
    }

    @Test
    void everyStrategyCoversEachQueueExactlyOnce() {
        for (AllocateMessageQueueStrategy s : List.of(new AllocateMessageQueueAveragely(),
                new AllocateMessageQueueAveragelyByCircle())) {
            for (int consumers = 1; consumers <= 10; consumers++) {
                List<String> cids = IntStream.range(0, consumers).mapToObj(i -> "c" + i).toList();
                List<MessageQueue> all = new ArrayList<>();
                cids.forEach(c -> all.addAll(s.allocate("g", c, QUEUES, cids)));
                Set<MessageQueue> distinct = new HashSet<>(all);
                assertEquals(QUEUES.size(), all.size(), s.getName() + " with " + consumers);
                assertEquals(new HashSet<>(QUEUES), distinct, s.getName() + " with " + consumers);
            }
        }
    }
}
