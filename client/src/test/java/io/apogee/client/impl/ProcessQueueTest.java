package io.apogee.client.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.impl.consumer.ProcessQueue;
import io.apogee.common.message.MessageExt;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessQueueTest {

    private static MessageExt at(long offset) {
        MessageExt m = new MessageExt();
        m.setQueueOffset(offset);
        m.setBody(new byte[10]);
        return m;
    }

    @Test
    void commitOffsetWaitsForTheOldestUnfinishedMessage() {
        ProcessQueue pq = new ProcessQueue();
        MessageExt m5 = at(5);
        MessageExt m6 = at(6);
        MessageExt m7 = at(7);
        pq.putMessages(List.of(m5, m6, m7));
        assertEquals(3, pq.messageCount());
        assertEquals(30, pq.cachedBytes());
        assertEquals(2, pq.maxSpan());
        assertEquals(5, pq.removeMessages(List.of(m6)), "6 done but 5 still running: commit stays at 5");
        assertEquals(7, pq.removeMessages(List.of(m5)));
        assertEquals(8, pq.removeMessages(List.of(m7)), "all done: one past the highest seen");
        assertEquals(-1, pq.removeMessages(List.of(m7)), "nothing held");
        assertEquals(0, pq.cachedBytes());
    }

    @Test
    void orderlyTakesInOrderCommitsAndReconsumes() {
        ProcessQueue pq = new ProcessQueue();
        assertTrue(pq.putMessages(List.of(at(2), at(0), at(1))), "first messages start a consume task");
        assertFalse(pq.putMessages(List.of(at(3))), "a task is already running");
        List<MessageExt> first = pq.takeMessages(2);
        assertEquals(List.of(0L, 1L), first.stream().map(MessageExt::getQueueOffset).toList());
        pq.makeMessagesToConsumeAgain(first);
        assertEquals(List.of(0L, 1L), pq.takeMessages(2).stream().map(MessageExt::getQueueOffset).toList());
        assertEquals(2, pq.commit());
        assertEquals(2, pq.takeMessages(5).size());
        assertEquals(4, pq.commit());
        assertTrue(pq.takeMessages(5).isEmpty());
        assertTrue(pq.putMessages(List.of(at(4))), "the task ended, new messages start another");
    }
}
