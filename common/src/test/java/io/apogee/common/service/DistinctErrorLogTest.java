package io.apogee.common.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DistinctErrorLogTest {

    private final DistinctErrorLog errors = new DistinctErrorLog(LoggerFactory.getLogger(DistinctErrorLogTest.class),
            "ApogeeTestLoop");

    private static IOException failure(String message) {
        return new IOException(message);
    }

    @Test
    void aRepeatedFailureIsLoggedOnceThenCountedAndReportedOncePerInterval() {
        long now = 0;
        assertTrue(errors.record(failure("disk gone"), now), "the first occurrence is logged");
        for (int i = 0; i < 1000; i++) {
            now += 1_000_000;
            assertFalse(errors.record(failure("disk gone"), now), "repeats within the interval are only counted");
        }
        assertTrue(errors.record(failure("disk gone"), DistinctErrorLog.REPORT_INTERVAL_NANOS),
                "the count is reported once the interval has passed");
        assertFalse(errors.record(failure("disk gone"), DistinctErrorLog.REPORT_INTERVAL_NANOS + 1));
    }

    @Test
    void aDifferentFailureIsLoggedAtOnce() {
        assertTrue(errors.record(failure("disk gone"), 0));
        assertTrue(errors.record(failure("permission denied"), 1));
        assertTrue(errors.record(new IllegalStateException("disk gone"), 2));
    }

    @Test
    void pastTheDistinctLimitNewFailuresAreStillLogged() {
        for (int i = 0; i < DistinctErrorLog.MAX_DISTINCT + 10; i++) {
            assertTrue(errors.record(failure("failure " + i), i));
        }
    }
}
