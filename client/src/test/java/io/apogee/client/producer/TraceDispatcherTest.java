package io.apogee.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trace queue is bounded: a record offered to a full queue is dropped and counted, without blocking. */
class TraceDispatcherTest {

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() {
        TraceDispatcher dispatcher = new TraceDispatcher("g", TraceDispatcher.Type.PRODUCE, null, null);
        TraceRecord record = new TraceRecord("Pub" + TraceEncoder.RECORD_END, Set.of("id"));
        for (int i = 0; i < TraceDispatcher.QUEUE_SIZE + 3; i++) {
            dispatcher.append(record);
        }
        assertEquals(3, dispatcher.dropped());
        assertEquals("RMQ_SYS_TRACE_TOPIC", dispatcher.traceTopic());
    }
}
