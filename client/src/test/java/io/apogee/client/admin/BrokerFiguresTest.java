package io.apogee.client.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerFiguresTest {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void figuresAreReadFromTheRuntimeStatsKeys() {
        Map<String, String> stats = Map.ofEntries(
                Map.entry("brokerVersionDesc", "V4_9_8"),
                Map.entry("putTps", "12.50 11.00 9.75"),
                Map.entry("getTransferedTps", "3.25 2.00 1.00"),
                Map.entry("earliestMessageTimeStamp", String.valueOf(NOW - 90 * 60_000)),
                Map.entry("commitLogDiskRatio", "0.4321"),
                Map.entry("msgPutTotalYesterdayMorning", "100"),
                Map.entry("msgPutTotalTodayMorning", "250"),
                Map.entry("msgPutTotalTodayNow", "300"),
                Map.entry("msgGetTotalYesterdayMorning", "10"),
                Map.entry("msgGetTotalTodayMorning", "40"),
                Map.entry("msgGetTotalTodayNow", "47"));
        assertEquals(new BrokerFigures("V4_9_8", 12.5, 3.25, 1.5, 0.4321, 150, 30, 50, 7),
                BrokerFigures.of(stats, NOW));
    }

    @Test
    void keysTheBrokerDoesNotReportCountAsZero() {
        assertEquals(new BrokerFigures("", 0, 0, 0, 0, 0, 0, 0, 0), BrokerFigures.of(Map.of(), NOW));
        assertEquals(0, BrokerFigures.of(Map.of("earliestMessageTimeStamp", "0"), NOW).storedHours(),
                "an empty store has held nothing for any hours");
    }

    @Test
    void aValueThatIsNotANumberIsReportedWithItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerFigures.of(Map.of("putTps", "fast"), NOW));
        assertTrue(e.getMessage().contains("putTps") && e.getMessage().contains("fast"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrokerFigures.of(Map.of("msgPutTotalTodayNow", "1.5"),
                NOW));
    }
}
