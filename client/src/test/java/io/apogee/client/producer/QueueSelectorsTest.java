package io.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueueSelectorsTest {

    private static final Message MSG = new Message("T", "body".getBytes());

    @Test
    void randomPicksEveryQueueSometimesAndNothingElse() {
        List<MessageQueue> mqs = IntStream.range(0, 4).mapToObj(i -> new MessageQueue("T", "b", i)).toList();
        SelectMessageQueueByRandom s = new SelectMessageQueueByRandom();
        Set<MessageQueue> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            MessageQueue mq = s.select(mqs, MSG, null);
            assertTrue(mqs.contains(mq));
            seen.add(mq);
        }
        assertEquals(new HashSet<>(mqs), seen);
    }

    @Test
    void machineRoomSelectsByArgumentAmongTheChosenRoomsQueues() {
        List<MessageQueue> mqs = List.of(new MessageQueue("T", "hz@a", 0), new MessageQueue("T", "sh@b", 0),
                new MessageQueue("T", "hz@a", 1), new MessageQueue("T", "plain", 0));
        SelectMessageQueueByMachineRoom s = new SelectMessageQueueByMachineRoom();
        assertNull(s.select(mqs, MSG, 1), "no rooms chosen");
        s.setConsumeridcs(Set.of("hz"));
        assertEquals(Set.of("hz"), s.getConsumeridcs());
        assertEquals(mqs.get(0), s.select(mqs, MSG, 0));
        assertEquals(mqs.get(2), s.select(mqs, MSG, 1));
        assertEquals(mqs.get(2), s.select(mqs, MSG, -1));
        assertEquals(mqs.get(0), s.select(mqs, MSG, null));
        s.setConsumeridcs(Set.of("bj"));
        assertNull(s.select(mqs, MSG, 1), "no queue in room bj");
    }
}
