package io.apogee.interop.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.broker.filter.SqlFilter;
import io.apogee.broker.filter.SqlFilterException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.expression.Expression;
import org.apache.rocketmq.filter.parser.SelectorParser;
import org.junit.jupiter.api.Test;

/**
 * Our SQL92 filter against Apache RocketMQ 4.9.7's own ({@code rocketmq-filter}'s {@code SelectorParser}) on
 * random expressions of the grammar, including ones either compiler must refuse, over random message properties:
 * both compile the same expressions, and each compiled expression matches the same messages (Apache's result is a
 * match when it evaluates to TRUE; its evaluation errors do not match, as its broker filter treats them). Property
 * values stay within the int range (beyond it Apache parses a property compared with a small integer as an int and
 * fails, where we compare it as a long), and no decimal literal is zero (Apache refuses {@code 0.0} as "less than
 * 4.9E-324", we take it): README "SQL92 filtering".
 */
class SqlFilterDifferentialTest {

    private static final int EXPRESSIONS = 20_000;
    private static final String[] NAMES = {"a", "b", "TAGS", "missing"};
    private static final String[] VALUES = {"10", "5", "-3", "2.5", "abc", "true", "TRUE", " 5", "1e3", "0", "TagA",
            "+7", "10.0", "NaN", "-0", "0.0", "Infinity", "5d", "0x10", "1e400", "FALSE"};
    private static final String[] LITERALS = {"10", "5", "0", "3", "2.5", "10.0", "1e1", ".5", "'10'", "'abc'",
            "'TagA'", "'true'", "TRUE", "FALSE", "NULL", "-3", "-2.5", "-(5)", "- -3", "+5", "-a", "0.5", "5L"};

    private final Random random = new Random(20261201L);

    @Test
    void compilesAndMatchesAsApacheRocketMq() {
        int compiled = 0;
        int matched = 0;
        List<String> differences = new ArrayList<>();
        List<Map<String, String>> messages = messages();
        for (int i = 0; i < EXPRESSIONS && differences.size() < 10; i++) {
            String expression = condition(0);
            Expression apache = apacheCompile(expression);
            SqlFilter ours = ourCompile(expression);
            if ((apache != null) != (ours != null)) {
                differences.add("compiles " + (ours != null) + ", Apache " + (apache != null) + ": " + expression);
                continue;
            }
            if (ours == null) {
                continue;
            }
            compiled++;
            for (Map<String, String> properties : messages) {
                boolean expected = apacheMatches(apache, properties);
                if (expected != ours.matches(properties::get)) {
                    differences.add("matches " + !expected + ", Apache " + expected + ": " + expression + " over "
                            + properties);
                }
                matched += expected ? 1 : 0;
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(compiled > EXPRESSIONS / 3, "most generated expressions compile: " + compiled);
        assertTrue(matched > EXPRESSIONS / 10, "a fair share matches: " + matched);
    }

    private String condition(int depth) {
        int choice = random.nextInt(depth > 3 ? 9 : 13);
        return switch (choice) {
            case 0, 1 -> operand() + " " + pick("=", "<>", ">", ">=", "<", "<=") + " " + operand();
            case 2 -> name() + (random.nextBoolean() ? " NOT" : "") + " BETWEEN " + pick(LITERALS) + " AND "
                    + pick(LITERALS);
            case 3 -> name() + (random.nextBoolean() ? " NOT" : "") + " IN (" + inList() + ")";
            case 4 -> operand() + " IS " + (random.nextBoolean() ? "NOT " : "") + "NULL";
            case 5 -> pick("TRUE", "FALSE", name(), "NULL");
            case 6 -> "(" + operand() + " = " + operand() + ") = " + pick("TRUE", "FALSE", name());
            case 7 -> operand() + " " + pick("=", "<>", ">") + " " + operand() + " " + pick("=", "<>", "<") + " "
                    + operand();
            case 8 -> "NOT " + operand() + " " + pick("=", ">") + " 1";
            case 9 -> "NOT (" + condition(depth + 1) + ")";
            case 10 -> "NOT NOT (" + condition(depth + 1) + ")";
            default -> "(" + condition(depth + 1) + ") " + pick("AND", "OR") + " " + condition(depth + 1);
        };
    }

    private String operand() {
        return random.nextInt(3) == 0 ? pick(LITERALS) : name();
    }

    private String inList() {
        List<String> items = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            items.add("'" + pick(VALUES) + "'");
        }
        return String.join(", ", items);
    }

    private String name() {
        return pick(NAMES);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private List<Map<String, String>> messages() {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, String> properties = new HashMap<>();
            for (String name : NAMES) {
                if (!"missing".equals(name) && random.nextInt(4) > 0) {
                    properties.put(name, pick(VALUES));
                }
            }
            out.add(properties);
        }
        return out;
    }

    private static Expression apacheCompile(String expression) {
        try {
            return SelectorParser.parse(expression);
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    private static SqlFilter ourCompile(String expression) {
        try {
            return SqlFilter.compile(expression);
        } catch (SqlFilterException e) {
            return null;
        }
    }

    private static boolean apacheMatches(Expression expression, Map<String, String> properties) {
        EvaluationContext context = new EvaluationContext() {
            @Override
            public Object get(String name) {
                return properties.get(name);
            }

            @Override
            public Map<String, Object> keyValues() {
                return new HashMap<>(properties);
            }
        };
        try {
            return Boolean.TRUE.equals(expression.evaluate(context));
        } catch (Exception e) {
            return false;
        }
    }
}
