package io.apogee.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target of {@link ConfigBinder} with the Netty server and client configs (README "Fuzzing"): properties text,
 * as a config file or UPDATE_*_CONFIG carries it, either binds and validates or is refused with a {@link
 * ConfigException} that says why; a bound config's values
 * ({@link ConfigBinder#toMap}) bind again to the same values.
 */
class ConfigBinderFuzzTest {

    @FuzzTest
    void bind(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        bindsOrRefuses(text, NettyServerConfig::new);
        bindsOrRefuses(text, NettyClientConfig::new);
    }

    /** Fuzz finding: an empty bindAddress bound, and Netty listened on loopback only. */
    @Test
    void anEmptyBindAddressIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.conclude(NettyServerConfig::new, Map.of("bindAddress", " ")));
        assertEquals("config key 'bindAddress': must not be empty; 0.0.0.0 listens on every interface",
                e.getMessage());
    }

    private static void bindsOrRefuses(String text, Supplier<Object> factory) {
        Object config = factory.get();
        try {
            ConfigBinder.bind(ConfigBinder.parse(text), config);
        } catch (ConfigException e) {
            assertFalse(e.getMessage().isBlank(), "a refusal says why");
            return;
        }
        Map<String, String> values = ConfigBinder.toMap(config);
        Properties properties = new Properties();
        properties.putAll(values);
        Object again = factory.get();
        try {
            ConfigBinder.bind(properties, again);
        } catch (ConfigException e) {
            throw new AssertionError("a bound config's values do not bind again: " + values, e);
        }
        assertEquals(values, ConfigBinder.toMap(again));
    }
}
