package io.apogee.common.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {

    @Test
    void wakeupRunsAStepBeforeTheIdleIntervalEnds() {
        AtomicInteger steps = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        ServiceLoop loop = new ServiceLoop() {
            @Override
            public String roleName() {
                return "ApogeeTestLoop";
            }

            @Override
            public int doWork() {
                steps.incrementAndGet();
                return 0;
            }

            @Override
            public void onClose() {
                closed.set(true);
            }
        };
        ServiceRunner runner = new ServiceRunner(loop, 1, TimeUnit.HOURS);
        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> steps.get() == 1);
        runner.wakeup();
        await().atMost(Duration.ofSeconds(30)).until(() -> steps.get() == 2);
        runner.close();
        assertTrue(closed.get());
        assertFalse(runner.isRunning());
    }

    @Test
    void aFailingStepIsLoggedAndTheLoopGoesOn() {
        AtomicInteger steps = new AtomicInteger();
        ServiceLoop loop = new ServiceLoop() {
            @Override
            public String roleName() {
                return "ApogeeFailingLoop";
            }

            @Override
            public int doWork() {
                if (steps.incrementAndGet() == 1) {
                    throw new IllegalStateException("boom");
                }
                return 0;
            }
        };
        try (ServiceRunner runner = new ServiceRunner(loop, 1, TimeUnit.MILLISECONDS)) {
            runner.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> steps.get() >= 3);
        }
        assertTrue(steps.get() >= 3);
        assertEquals(false, Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ApogeeFailingLoop") && t.isAlive()));
    }

    @Test
    void aStepThatKeepsFailingIsRetriedAfterADoublingBackOff() {
        AtomicInteger steps = new AtomicInteger();
        ServiceLoop loop = new ServiceLoop() {
            @Override
            public String roleName() {
                return "ApogeeAlwaysFailingLoop";
            }

            @Override
            public int doWork() {
                steps.incrementAndGet();
                throw new IllegalStateException("disk gone");
            }
        };
        long start = System.nanoTime();
        try (ServiceRunner runner = new ServiceRunner(loop, 1, TimeUnit.MILLISECONDS)) {
            runner.start();
            // Back-offs of 1, 2, 4, ... 512 ms add up to about 1 s before the 11th step; without them, 11 steps of a
            // 1 ms loop take about 11 ms. Wakeups do not cut a back-off short.
            for (int i = 0; i < 20; i++) {
                runner.wakeup();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> steps.get() >= 11);
        }
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000),
                "11 failing steps must span the back-offs");
    }
}
