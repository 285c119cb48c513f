package io.apogee.interop.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.interop.distribution.Distribution.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped conf file binds without an unknown key ({@code -p} prints the effective config and exits). */
class ShippedConfTest extends UnpackedOnce {

    @ParameterizedTest
    @ValueSource(strings = {"broker.conf", "2m-noslave/broker-a.properties", "2m-noslave/broker-b.properties",
            "2m-2s-async/broker-a.properties", "2m-2s-async/broker-a-s.properties", "2m-2s-async/broker-b.properties",
            "2m-2s-async/broker-b-s.properties", "2m-2s-sync/broker-a.properties", "2m-2s-sync/broker-a-s.properties",
            "2m-2s-sync/broker-b.properties", "2m-2s-sync/broker-b-s.properties"})
    void brokerConfBindsEveryKey(String name) throws Exception {
        Path conf = dist.home().resolve("conf").resolve(name);
        Result result = dist.run(dist.environment(), "mqbroker", "-c", conf.toString(), "-p");
        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("warning"), result.output());
        String role = Files.readString(conf).contains("brokerRole = SLAVE") ? "SLAVE" : "MASTER";
        assertTrue(result.output().lines().anyMatch(l -> l.startsWith("brokerRole=") && l.endsWith(role)),
                result.output());
    }

    @Test
    void namesrvPropertiesBindsEveryKey() throws Exception {
        Result result = dist.run(dist.environment(), "mqnamesrv", "-c",
                dist.home().resolve("conf/namesrv.properties").toString(), "-p");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("listenPort=9876"), result.output());
    }
}
