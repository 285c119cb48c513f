package io.apogee.tools.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.tools.bench.MQBench;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** mqadmin and mqbench errors a new user meets: a NameServer address where nothing listens, a ','-separated list. */
class AdminErrorsTest {

    @Test
    void aNameServerWhereNothingListensIsNamedWithTheRequestName() throws Exception {
        String addr;
        try (ServerSocket socket = new ServerSocket(0)) {
            addr = "127.0.0.1:" + socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new MQAdminStartup().run(new String[] {"clusterList", "-n", addr}, new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit);
        assertTrue(printed.contains("no NameServer of [" + addr + "] answered GET_BROKER_CLUSTER_INFO: connect to "
                + addr + " failed: connection refused, nothing listens at " + addr), printed);
        assertFalse(printed.contains("request 106"), printed);
    }

    @Test
    void aCommaSeparatedNameServerListIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new MQAdminStartup().run(new String[] {"clusterList", "-n", "127.0.0.1:9876,127.0.0.2:9876"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, exit);
        assertEquals("mqadmin clusterList: NameServer address list '127.0.0.1:9876,127.0.0.2:9876' is separated by"
                + " ',': use ';' between NameServer addresses, e.g. '127.0.0.1:9876;127.0.0.2:9876'",
                err.toString(StandardCharsets.UTF_8).trim());

        ByteArrayOutputStream benchErr = new ByteArrayOutputStream();
        assertEquals(1, new MQBench(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(new String[] {"consumer", "-n", "a:1,b:2", "-d", "1"},
                        new PrintStream(benchErr, true, StandardCharsets.UTF_8)));
        assertTrue(benchErr.toString(StandardCharsets.UTF_8).contains("use ';' between NameServer addresses"),
                benchErr.toString(StandardCharsets.UTF_8));
    }
}
