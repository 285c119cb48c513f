package io.apogee.interop.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.testsupport.TestCluster;
import io.apogee.tools.bench.MQBench;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** mqbench drives a real cluster and reports what it did (a smoke test of the tool, not a measurement). */
class MqBenchTest {

    @Test
    void producerRunsForItsDurationAndPrintsASummary() throws Exception {
        try (TestCluster cluster = TestCluster.builder().start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new MQBench(new PrintStream(out, true)).run(new String[] {"producer", "-n",
                cluster.namesrvAddr(), "-t", "BenchSmoke", "-w", "2", "-s", "64", "-d", "2"},
                    new PrintStream(err, true));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            Matcher summary = Pattern.compile("\\[Complete] Send Total: (\\d+) Send Failed: (\\d+)").matcher(text);
            assertTrue(summary.find(), text);
            assertTrue(Long.parseLong(summary.group(1)) > 0, text);
            assertEquals("0", summary.group(2), text);

            assertEquals(1, new MQBench(new PrintStream(out, true)).run(new String[] {"producer", "-n",
                cluster.namesrvAddr(), "-m", "sometimes"}, new PrintStream(err, true)));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("mode must be sync, async or oneway"));
        }
    }
}
