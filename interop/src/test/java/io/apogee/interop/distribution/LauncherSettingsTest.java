package io.apogee.interop.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.distribution.Distribution.Result;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/runserver.sh}'s JVM settings, read back with {@code -XshowSettings:vm} on a {@code -p} run: the heap
 * starts small and may grow to a bounded share of the machine by default, {@code APOGEE_HEAP} sets that maximum,
 * {@code JAVA_OPT} wins over both; a run that starts no server writes no GC log; {@code mqstandalone} starts at half
 * the initial heap.
 */
class LauncherSettingsTest extends UnpackedOnce {

    private static final Pattern HEAP = Pattern.compile("(Min|Max)\\. Heap Size: ([0-9.]+)([MG])");

    @Test
    void defaultHeapStartsSmallAndMayGrowToABoundedShareOfTheMachine() throws Exception {
        Map<String, String> env = dist.environment();
        env.put("APOGEE_HEAP", null);
        env.put("JAVA_OPT", "-XshowSettings:vm");
        Result result = dist.run(env, "mqnamesrv", "-p");
        assertEquals(0, result.exitCode(), result.output());
        long max = heapMib(result.output(), "Max");
        assertEquals(32, heapMib(result.output(), "Min"), result.output());
        assertTrue(max >= 128 && max <= 1024, "NameServer heap within 128 MiB..1 GiB: " + result.output());
        assertFalse(Files.exists(dist.home().resolve("logs/namesrv-9876_gc.log")), "-p starts no server, writes no GC"
                + " log (each start rotates it)");
    }

    @Test
    void apogeeHeapSetsTheMaximumAndJavaOptWins() throws Exception {
        Map<String, String> env = dist.environment();
        env.put("APOGEE_HEAP", "200m");
        env.put("JAVA_OPT", "-XshowSettings:vm");
        Result sized = dist.run(env, "mqbroker", "-p");
        assertEquals(200, heapMib(sized.output(), "Max"), sized.output());
        assertEquals(32, heapMib(sized.output(), "Min"), sized.output());

        env.put("APOGEE_HEAP", "16m");
        Result tiny = dist.run(env, "mqbroker", "-p");
        assertEquals(16, heapMib(tiny.output(), "Min"), "the initial heap never exceeds the maximum: "
                + tiny.output());

        env.put("JAVA_OPT", "-XshowSettings:vm -Xmx300m");
        Result overridden = dist.run(env, "mqbroker", "-p");
        assertEquals(300, heapMib(overridden.output(), "Max"), overridden.output());

        env.put("JAVA_OPT", "-XX:+UseParallelGC -XX:+PrintFlagsFinal");
        Result collector = dist.run(env, "mqbroker", "-p");
        assertEquals(0, collector.exitCode(), "a collector in JAVA_OPT replaces ours: " + collector.output());
        assertTrue(collector.output().matches("(?s).*UseParallelGC\\s+= true.*"), collector.output());
    }

    @Test
    void standaloneStartsAtHalfTheHeapOfTheOtherServers() throws Exception {
        Map<String, String> env = dist.environment();
        env.put("APOGEE_HEAP", null);
        env.put("JAVA_OPT", "-XshowSettings:vm");
        Result result = dist.run(env, "mqstandalone", "-h");
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(16, heapMib(result.output(), "Min"), result.output());
    }

    private static long heapMib(String output, String which) {
        Matcher m = HEAP.matcher(output);
        while (m.find()) {
            if (m.group(1).equals(which)) {
                double value = Double.parseDouble(m.group(2));
                return Math.round(m.group(3).equals("G") ? value * 1024 : value);
            }
        }
        throw new AssertionError(which + ". Heap Size not printed: " + output);
    }
}
