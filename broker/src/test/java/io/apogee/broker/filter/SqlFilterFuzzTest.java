package io.apogee.broker.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target of the SQL92 filter compiler (README "Fuzzing"), which reads what consumers send: any text either
 * compiles or is refused with a {@link SqlFilterException} naming a position inside it (or just past its end) and
 * what is wrong; what compiles evaluates over any properties without throwing, and the same way twice.
 */
class SqlFilterFuzzTest {

    private static final List<Map<String, String>> PROPERTIES = List.of(Map.of(),
            Map.of("a", "10", "b", "x", "TAGS", "TagA", "f", "2.5"), Map.of("a", "abc", "s", " 5", "x", "-1"));

    @FuzzTest
    void compile(byte[] input) {
        String expression = new String(input, StandardCharsets.UTF_8);
        SqlFilter filter;
        try {
            filter = SqlFilter.compile(expression);
        } catch (SqlFilterException e) {
            assertTrue(e.position() >= 1 && e.position() <= expression.length() + 1, e.getMessage());
            assertFalse(e.getMessage().endsWith(": "), "a refusal says why: " + e.getMessage());
            return;
        }
        for (Map<String, String> properties : PROPERTIES) {
            assertEquals(filter.matches(properties::get), filter.matches(properties::get), expression);
        }
        if (filter.requiredTags() != null) {
            Map<String, String> untagged = Map.of("a", "10");
            assertFalse(filter.matches(untagged::get), "a message without TAGS cannot match " + expression);
        }
    }
}
