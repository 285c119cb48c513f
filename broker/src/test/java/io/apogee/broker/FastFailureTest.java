package io.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fast-failure remark keeps RocketMQ's prefix and figures and says which key bounds the wait. */
class FastFailureTest {

    @Test
    void theRemarkSaysHowLongTheSendWaitedAndWhichKeyBoundsIt() {
        String remark = FastFailure.remark(250, 12, 200);
        assertTrue(remark.startsWith("[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while, period in"
                + " queue: 250ms, size of queue: 12"), remark);
        assertTrue(remark.contains("waited 250 ms") && remark.contains("waitTimeMillsInSendQueue (200 ms)"), remark);
    }
}
