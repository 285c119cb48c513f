package io.apogee.broker.acl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RocketMQ 4.9's white-list address forms. */
class AddressPatternTest {

    @Test
    void blankMatchesNothingAndStarEverything() {
        assertFalse(AddressPattern.parse(null).matches("127.0.0.1"));
        assertFalse(AddressPattern.parse(" ").matches("127.0.0.1"));
        for (String every : new String[] {"*", "*.*.*.*", "*:*:*:*:*:*:*:*"}) {
            assertTrue(AddressPattern.parse(every).matches("10.1.2.3"), every);
            assertTrue(AddressPattern.parse(every).matches("::1"), every);
        }
    }

    @Test
    void exactListsAndBraces() {
        assertTrue(AddressPattern.parse("127.0.0.1").matches("127.0.0.1"));
        assertFalse(AddressPattern.parse("127.0.0.1").matches("127.0.0.2"));
        AddressPattern list = AddressPattern.parse("10.0.0.1, 10.0.0.2");
        assertTrue(list.matches("10.0.0.2"));
        assertFalse(list.matches("10.0.0.3"));
        AddressPattern braces = AddressPattern.parse("192.168.1.{7,8}");
        assertTrue(braces.matches("192.168.1.8"));
        assertFalse(braces.matches("192.168.1.9"));
    }

    @Test
    void ranges() {
        AddressPattern star = AddressPattern.parse("192.168.*.*");
        assertTrue(star.matches("192.168.200.1"));
        assertFalse(star.matches("192.169.0.1"));
        assertTrue(AddressPattern.parse("192.168.*").matches("192.168.3.4"), "a trailing * covers the rest");
        AddressPattern span = AddressPattern.parse("192.168.1.10-20");
        assertTrue(span.matches("192.168.1.10"));
        assertTrue(span.matches("192.168.1.20"));
        assertFalse(span.matches("192.168.1.21"));
        assertFalse(span.matches("::1"));
    }

    @Test
    void malformedRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AddressPattern.parse("192.168.1.20-10"));
        assertThrows(IllegalArgumentException.class, () -> AddressPattern.parse("192.168.1-x.*"));
        assertThrows(IllegalArgumentException.class, () -> AddressPattern.parse("1.2.3.4.*"));
    }
}
