package io.apogee.broker.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.common.message.MessageQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RebalanceLockManagerTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RebalanceLockManager locks = new RebalanceLockManager(60_000, now::get);
    private final MessageQueue q0 = new MessageQueue("T", "b", 0);
    private final MessageQueue q1 = new MessageQueue("T", "b", 1);

    @Test
    void aQueueHeldByOneMemberIsRefusedToAnotherUntilUnlocked() {
        assertEquals(Set.of(q0, q1), locks.tryLock("g", Set.of(q0, q1), "c1"));
        assertEquals(Set.of(), locks.tryLock("g", Set.of(q0, q1), "c2"));
        assertEquals(Set.of(q0), locks.tryLock("other-group", Set.of(q0), "c2"), "locks are per group");

        locks.unlock("g", Set.of(q0), "c2");
        assertTrue(locks.isLockedBy("g", q0, "c1"), "only the holder can unlock");
        locks.unlock("g", Set.of(q0), "c1");
        assertEquals(Set.of(q0), locks.tryLock("g", Set.of(q0, q1), "c2"));
        assertTrue(locks.isLockedBy("g", q1, "c1"));
    }

    @Test
    void anUnrenewedLockExpiresAfterItsLiveTimeAndARenewedOneDoesNot() {
        locks.tryLock("g", Set.of(q0, q1), "c1");
        now.addAndGet(40_000);
        assertEquals(Set.of(q0), locks.tryLock("g", Set.of(q0), "c1"), "renewing q0 only");
        now.addAndGet(30_000);
        assertFalse(locks.isLockedBy("g", q1, "c1"));
        assertEquals(Set.of(q1), locks.tryLock("g", Set.of(q0, q1), "c2"), "q1 expired, q0 was renewed");
        assertTrue(locks.isLockedBy("g", q0, "c1"));
        assertTrue(locks.isLockedBy("g", q1, "c2"));
    }
}
