package io.apogee.client.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.client.impl.api.Compression;
import io.apogee.client.impl.api.NamesrvAddressList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesrvAndLatencyTest {

    @Test
    void namesrvListFailsOverInTurnAndIgnoresStaleReports() {
        NamesrvAddressList list = new NamesrvAddressList(" a:1 ; b:2;;c:3 ");
        assertEquals(List.of("a:1", "b:2", "c:3"), list.all());
        assertEquals("a:1", list.current());
        list.failedOver("a:1");
        assertEquals("b:2", list.current());
        list.failedOver("a:1");
        assertEquals("b:2", list.current(), "a late report about a server no longer current changes nothing");
        list.failedOver("b:2");
        list.failedOver("c:3");
        assertEquals("a:1", list.current(), "wraps around");
        assertThrows(IllegalArgumentException.class, () -> new NamesrvAddressList(" ; "));
        assertThrows(IllegalArgumentException.class, () -> new NamesrvAddressList(null));
    }

    @Test
    void slowOrFailedBrokersAreAvoidedFastOnesNot() {
        LatencyFaultTolerance latency = new LatencyFaultTolerance();
        latency.update("fast", 20, false);
        latency.update("slow", 600, false);
        latency.update("down", 5, true);
        assertTrue(latency.isAvailable("fast"));
        assertFalse(latency.isAvailable("slow"));
        assertFalse(latency.isAvailable("down"));
        assertTrue(latency.isAvailable("never-seen"));
        latency.update("slow", 10, false);
        assertTrue(latency.isAvailable("slow"), "a fast answer clears the pause");
    }

    @Test
    void latencyStepsCanBeReplaced() {
        LatencyFaultTolerance latency = new LatencyFaultTolerance();
        assertArrayEquals(LatencyFaultTolerance.DEFAULT_LATENCY_MAX, latency.getLatencyMax());
        latency.setLatencyMax(new long[] {10, 1000});
        latency.setNotAvailableDuration(new long[] {60_000, 0, 5});
        latency.update("over-10", 20, false);
        latency.update("over-1000", 2000, false);
        assertFalse(latency.isAvailable("over-10"), "20 ms reaches the first step, now a minute's pause");
        assertTrue(latency.isAvailable("over-1000"), "the second step pauses for 0 ms; the third pause is unpaired");
        latency.getLatencyMax()[0] = 99;
        assertEquals(10, latency.getLatencyMax()[0], "the getter hands out a copy");
        assertThrows(IllegalArgumentException.class, () -> latency.setLatencyMax(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> latency.setNotAvailableDuration(null));
    }

    @Test
    void compressionRoundTrips() {
        byte[] body = "hello ".repeat(1000).getBytes();
        byte[] packed = Compression.deflate(body, Compression.DEFAULT_LEVEL);
        assertTrue(packed.length < body.length);
        assertEquals(new String(body), new String(Compression.inflate(packed)));
        assertThrows(IllegalArgumentException.class, () -> Compression.inflate(new byte[] {1, 2, 3}));
    }
}
