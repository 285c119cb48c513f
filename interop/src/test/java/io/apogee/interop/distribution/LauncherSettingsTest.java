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
 * {@code bin/runserver.sh}'s JVM settings, read back with {@code -XshowSettings:vm} on a {@code -p} run: the heap is a
 * bounded share of the machine by default, {@code APOGEE_HEAP} sets it, {@code JAVA_OPT} wins over both; a run that
 * starts no server writes no GC log.
 */
class LauncherSettingsTest extends UnpackedOnce {

    private static final Pattern HEAP = Pattern.compile("(Min|Max)\\. Heap Size: ([0-9.]+)([MG])");

    @Test
    void defaultHeapIsABoundedShareOfTheMachine() throws Exception {
        Map<String, String> env = dist.environment();
        env.put("APOGEE_HEAP", null);
        env.put("JAVA_OPT", "-XshowSettings:vm");
        Result result = dist.run(env, "mqnamesrv", "-p");
        assertEquals(0, result.exitCode(), result.output());
        long max = heapMib(result.output(), "Max");
        assertEquals(max, heapMib(result.output(), "Min"), result.output());
        assertTrue(max >= 128 && max <= 1024, "NameServer heap within 128 MiB..1 GiB: " + result.output());
        assertFalse(Files.exists(dist.home().resolve("logs/namesrv-9876_gc.log")), "-p starts no server, writes no GC"
                + " log (each start rotates it)");
    }

    @Test
    void apogeeHeapSetsTheHeapAndJavaOptWins() throws Exception {
        Map<String, String> env = dist.environment();
        env.put("APOGEE_HEAP", "200m");
        env.put("JAVA_OPT", "-XshowSettings:vm");
        Result sized = dist.run(env, "mqbroker", "-p");
        assertEquals(200, heapMib(sized.output(), "Max"), sized.output());
        assertEquals(200, heapMib(sized.output(), "Min"), sized.output());

        env.put("JAVA_OPT", "-XshowSettings:vm -Xmx300m");
        Result overridden = dist.run(env, "mqbroker", "-p");
        assertEquals(300, heapMib(overridden.output(), "Max"), overridden.output());
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
