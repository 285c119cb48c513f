package io.apogee.client.impl.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.ClientConfig;
import io.apogee.common.consumer.ConsumeType;
import io.apogee.common.message.MessageExt;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** RocketMQ 4.9's timings per consumer kind, and local flow-control thresholds against a process queue. */
class PullTimingAndThresholdsTest {

    @Test
    void pushUsesDefaultMQPushConsumerImplTimings() {
        PullTiming push = PullTiming.push(3_000);
        assertEquals(15_000, push.brokerSuspendMillis());
        assertEquals(30_000, push.pullTimeoutMillis());
        assertEquals(3_000, push.delayFor(PullRequest.Hold.NOT_READY));
        assertEquals(50, push.delayFor(PullRequest.Hold.LOCAL_FLOW_CONTROL));
        assertEquals(1_000, push.delayFor(PullRequest.Hold.PAUSED));
        assertEquals(20, push.delayAfterBrokerFlowControl());
        assertEquals(0, push.delayFor(PullRequest.Hold.NONE));
        assertEquals(ConsumeType.CONSUME_PASSIVELY, ConsumerKind.PUSH.consumeType());
    }

    @Test
    void litePullUsesDefaultLitePullConsumerTimings() {
        PullTiming lite = PullTiming.litePull(ClientConfig.DEFAULT_PULL_TIME_DELAY_MILLS_WHEN_EXCEPTION);
        assertEquals(20_000, lite.brokerSuspendMillis());
        assertEquals(30_000, lite.pullTimeoutMillis());
        assertEquals(1_000, lite.delayAfterException());
        assertEquals(1_000, lite.delayAfterBrokerFlowControl(), "lite pull treats FLOW_CONTROL as any failure");
        assertEquals(250, PullTiming.litePull(250).delayAfterBrokerFlowControl());
        PullTiming configured = PullTiming.litePull(1_000, 5_000, 8_000);
        assertEquals(5_000, configured.brokerSuspendMillis());
        assertEquals(8_000, configured.pullTimeoutMillis());
        assertEquals(50, lite.delayFor(PullRequest.Hold.LOCAL_FLOW_CONTROL));
        assertEquals(1_000, lite.delayFor(PullRequest.Hold.PAUSED));
        assertEquals(ConsumeType.CONSUME_ACTIVELY, ConsumerKind.LITE_PULL.consumeType());
    }

    private static List<MessageExt> messages(long... offsets) {
        return LongStream.of(offsets).mapToObj(offset -> {
            MessageExt m = new MessageExt();
            m.setQueueOffset(offset);
            m.setBody(new byte[100]);
            return m;
        }).toList();
    }

    @Test
    void eachThresholdStopsPullingOnlyOnceExceeded() {
        ProcessQueue pq = new ProcessQueue();
        pq.putMessages(messages(0, 1, 2));
        assertFalse(new PullThresholds(3, 300, 2).exceededBy(pq), "at every limit, not over it");
        assertTrue(new PullThresholds(2, 300, 2).exceededBy(pq), "more messages than allowed");
        assertTrue(new PullThresholds(3, 299, 2).exceededBy(pq), "more bytes than allowed");
        assertTrue(new PullThresholds(3, 300, 1).exceededBy(pq), "spread wider than allowed");
        assertFalse(PullThresholds.of(3, 1, Long.MAX_VALUE).exceededBy(pq));
        pq.putMessages(messages(5_000));
        assertTrue(new PullThresholds(1_000, Long.MAX_VALUE, 2_000).exceededBy(pq), "one slow message, wide span");
        assertFalse(PullThresholds.of(1_000, 100, Long.MAX_VALUE).exceededBy(pq), "no span limit for orderly");
    }
}
