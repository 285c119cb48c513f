package io.apogee.tools.admin.command;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.apogee.client.admin.BrokerFailure;
import io.apogee.client.admin.BrokerFigures;
import io.apogee.client.admin.BrokerOverview;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** clusterList's table from the admin API's overview, with a broker that did not answer. */
class ClusterListCommandTest {

    private static final List<BrokerOverview> BROKERS = List.of(
            new BrokerOverview("c1", "broker-a", 0, "10.0.0.1:10911",
                    new BrokerFigures("V4_9_8", 12.5, 3.25, 1.5, 0.43215, 150, 30, 50, 7), null),
            new BrokerOverview("c1", "broker-b", 0, "10.0.0.2:10911", null, "connect to 10.0.0.2:10911 failed"));

    @Test
    void figuresAreFormattedAsBeforeAndAnUnansweredBrokerShowsItsError() {
        assertEquals("""
                #Cluster Name  #Broker Name  #BID  #Addr           #Version  #InTPS(LOAD)  #OutTPS(LOAD)  #Hour  #SPACE
                c1             broker-a      0     10.0.0.1:10911  V4_9_8    12.50         3.25           1.50   0.4322
                c1             broker-b      0     10.0.0.2:10911  ERROR: connect to 10.0.0.2:10911 failed
                """, print(ClusterListCommand.table(BROKERS, false)));
    }

    @Test
    void moreStatsShowYesterdaysAndTodaysTotals() {
        assertEquals("""
                #Cluster Name  #Broker Name  #InTotalYest  #OutTotalYest  #InTotalToday  #OutTotalToday
                c1             broker-a      150           30             50             7
                c1             broker-b      ERROR: connect to 10.0.0.2:10911 failed
                """, print(ClusterListCommand.table(BROKERS, true)));
    }

    @Test
    void unansweredBrokersFailTheCommandWithOneLineNamingEach() {
        assertDoesNotThrow(() -> Unanswered.check(List.of()));
        CommandFailedException e = assertThrows(CommandFailedException.class, () -> Unanswered.check(List.of(
                new BrokerFailure("broker-b", "10.0.0.2:10911", "connect to 10.0.0.2:10911 failed"),
                new BrokerFailure("broker-c", "10.0.0.3:10911", "CODE: 1 DESC: busy"))));
        assertEquals("broker broker-b at 10.0.0.2:10911 failed: connect to 10.0.0.2:10911 failed; "
                + "broker broker-c at 10.0.0.3:10911 failed: CODE: 1 DESC: busy", e.getMessage());
    }

    private static String print(Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
