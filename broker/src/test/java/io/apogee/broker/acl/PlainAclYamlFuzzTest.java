package io.apogee.broker.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target of the plain_acl.yml reader (README "Fuzzing"): any text either reads or is refused with an
 * {@link IllegalArgumentException} that says why; what reads compiles into rules, and writes back to text that reads
 * to the same content.
 */
class PlainAclYamlFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        PlainAclConfig config;
        try {
            config = PlainAclYaml.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal says why");
            return;
        }
        AclRules.of(config);
        assertEquals(config, PlainAclYaml.parse(PlainAclYaml.write(config)));
    }
}
