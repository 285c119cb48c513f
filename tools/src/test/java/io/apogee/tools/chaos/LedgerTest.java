package io.apogee.tools.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void countsLostDuplicatedAndFailed() {
        Ledger ledger = new Ledger();
        ledger.acked("a");
        ledger.acked("b");
        ledger.acked("c");
        ledger.failed();
        ledger.delivered("a");
        ledger.delivered("a");
        ledger.delivered("c");
        ledger.delivered("never-acked");

        assertEquals(3, ledger.ackedCount());
        assertEquals(1, ledger.failedCount());
        assertEquals(1, ledger.missingCount());
        assertEquals(List.of("b"), ledger.missing(5));
        assertEquals(1, ledger.duplicatedCount());
        assertEquals(3, ledger.deliveredCount());
    }

    @Test
    void outOfOrderCountsOnlyFirstDeliveriesBehindALaterOne() {
        Ledger ledger = new Ledger();
        ledger.deliveredInOrder("k1/0", "k1", 0);
        ledger.deliveredInOrder("k1/2", "k1", 2);
        ledger.deliveredInOrder("k1/1", "k1", 1);
        ledger.deliveredInOrder("k1/0", "k1", 0);
        ledger.deliveredInOrder("k2/0", "k2", 0);

        assertEquals(1, ledger.outOfOrderCount());
        assertEquals(1, ledger.duplicatedCount());
    }
}
