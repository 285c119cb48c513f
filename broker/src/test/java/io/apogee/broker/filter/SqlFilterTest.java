package io.apogee.broker.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQL92 grammar and its evaluation, each expectation as Apache RocketMQ 4.9.7's rocketmq-filter evaluates the
 * same expression over the same properties (run beside this test's cases): operators, precedence, three-valued
 * logic with missing properties, RocketMQ's number conversions, and the compile errors with their positions.
 */
class SqlFilterTest {

    private static final Map<String, String> PROPERTIES = Map.of("a", "10", "s", "abc", "f", "2.5", "TAGS", "TagA",
            "b", "true", "neg", "-3", "g", "10.0", "h", "9", "q", "ab'c", "sp", " 5");

    private static boolean matches(String expression) throws SqlFilterException {
        return SqlFilter.compile(expression).matches(PROPERTIES::get);
    }

    @ParameterizedTest(name = "{0} matches: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // comparisons, a property string against an integer or a decimal
        "a = 10 | true", "a <> 10 | false", "a > 5 | true", "a >= 10 | true", "a < 10 | false", "a <= 10 | true",
        "a = '10' | true", "a = 10.0 | true", "a > 2.5 | true", "f = 2.5 | true", "f > 2.4 | true",
        "5 < a | true", "10 = a | true", "a = -10 | false", "a > -5 | true", "neg < 0 | true", "neg = -3 | true",
        "a > +5 | true", "--5 < a | true", "a = 1e1 | true", "a > .5 | true", "a > 5. | true", "a > 5L | true",
        "neg = -3.0 | true", "h = 9.0 | true",
        // a string that is not that kind of number fails the whole evaluation
        "f > 2 | false", "s > 5 | false", "sp = 5 | false", "s > 1 or a = 10 | false", "a = 10 or s > 1 | true",
        "a = 11 and s > 1 | false",
        // two properties: equal as strings, ordered as numbers (doubles)
        "a = g | false", "a >= g | true", "a > h | true", "a > f | true", "a > sp | true", "a > s | false",
        // strings
        "s = 'abc' | true", "s <> 'abd' | true", "s = 'ABC' | false", "s = 'abc ' | false", "q = 'ab''c' | true",
        "'abc' = s | true", "S = 'abc' | false",
        // BETWEEN, IN
        "a between 5 and 15 | true", "a BETWEEN 0 AND 20 AND s = 'abc' | true", "a not between 5 and 15 | false",
        "a not between 11 and 20 | true", "a not between 15 and 5 | true", "a > 0.0 | true",
        "a between 1 and 1 | false", "a between 1.5 and 20 | true",
        "a between -1 and -2 | false", "neg between -5 and -1 | true", "h between 9 and 9 | true",
        "a in ('10', '11') | true", "a in ('10.0') | false", "a not in ('10') | false", "s in ('a', 'abc') | true",
        "a in ('10') and a not in ('11') | true",
        // IS NULL
        "missing is null | true", "missing is not null | false", "a is null | false", "a is not NULL | true",
        "a is null is null | false", "NULL is null | true",
        // booleans: a property is never TRUE by itself, but compares with TRUE and FALSE
        "b = TRUE | true", "b = true | true", "b | false", "a = FALSE | true", "a = TRUE | false", "TRUE | true",
        "FALSE | false", "1 = TRUE | false", "1 = 1.0 | true", "TRUE and a | false", "not a | true",
        "(a > 5) = TRUE | true", "a = 10 = TRUE | true", "s in ('abc') = TRUE | true",
        // precedence: NOT binds tightest, then comparisons, =, AND, OR
        "a > 5 or s = 'x' and a < 0 | true", "(a > 5 or s = 'x') and a < 0 | false",
        "not (a > 5) and not (s = 'x') | false", "not (s = 'abc') | false", "((a > 5)) | true",
        "a > 5 and a < 20 and s = 'abc' or f = 2.5 | true", "TAGS = 'TagA' and a between 1 and 100 | true",
        "TAGS in ('TagA', 'TagB') | true",
        // comments, blanks and keyword case
        "/* c */ a > 5 | true", "a /* c */ > 5 | true", "a\t>\t5 | true", "a > 5 And s = 'abc' | true",
        "a NOT   IN ('10') | false", "a not in('10') | false",
    })
    void evaluatesAsRocketMq(String expression, boolean expected) throws SqlFilterException {
        assertEquals(expected, matches(expression), expression);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", value = {
        "missing = 1 | null", "missing <> 1 | null", "missing > 1 | null", "missing between 1 and 2 | null",
        "missing in ('1') | null", "missing not in ('1') | null", "not missing | null", "-a > 5 | null",
        "missing = 1 and a = 10 | null", "missing = 1 or a = 10 | true", "missing = 1 or a = 11 | null",
        "not (missing = 1 and a = 11) | true", "not (missing = 1 or a = 11) | null",
        // RocketMQ's equality is asymmetric when one side is missing
        "1 = missing | false", "1 <> missing | true", "missing = missing2 | true", "a <> missing | true",
        "a > 5 and NULL | null", "NULL | null",
    })
    void missingPropertiesAreUnknownAsInRocketMq(String expression, Boolean expected) throws SqlFilterException {
        assertEquals(expected, SqlParser.parse(expression).eval(PROPERTIES::get), expression);
        assertEquals(Boolean.TRUE.equals(expected), matches(expression), expression);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a > | 4 | expected a property, a literal, '(', NOT or '-', found the end of the expression",
        "a > 5 and | 10 | found the end of the expression",
        "a == 10 | 4 | found '='",
        "a != 10 | 3 | unexpected character '!' (not equal is <>)",
        "a > 5 && b | 7 | unexpected character '&' (use AND, OR)",
        "s = \"x\" | 5 | (strings are in single quotes)",
        "s = 'open | 5 | the string starting here is not closed",
        "a > 5 /* open | 7 | the comment starting here is not closed",
        "( a > 5 | 8 | expected ')'",
        "a > 5 ) | 7 | expected AND, OR or the end of the expression, found ')'",
        "s like 'a%' | 3 | found 'like'",
        "a in (10, 11) | 7 | a string in single quotes (IN lists hold strings only)",
        "a in () | 7 | a string in single quotes",
        "a in ('1' 'b') | 11 | ',' or ')' in the IN list",
        "'x' in ('x') | 1 | IN needs a property on its left, found ''x''",
        "a > '5' | 5 | ''5'' cannot be compared with >: only numbers and properties can",
        "s between 'a' and 'z' | 11 | ''a'' cannot be compared with BETWEEN",
        "a > TRUE | 5 | 'TRUE' cannot be compared with >",
        "a > 5 > 1 | 1 | 'a > 5' cannot be compared with >",
        "not a > 5 | 1 | 'not a' cannot be compared with >",
        "a = NULL | 5 | NULL cannot be compared with =: use IS NULL or IS NOT NULL",
        "TRUE = 1 | 1 | TRUE cannot be compared with 1",
        "a between 15 and 5 | 3 | the bounds of BETWEEN are reversed: 15 is greater than 5",
        "a between 1 or 2 | 13 | expected AND between the bounds of BETWEEN, found 'or'",
        "1 | 1 | '1' is not a condition",
        "'abc' | 1 | ''abc'' is not a condition",
        "a > 5 and 'x' | 11 | ''x'' is not a condition",
        "NOT 1 | 5 | '1' is not a condition",
        "- a | 1 | '- a' is not a condition",
        "a > 9223372036854775808 | 5 | the integer 9223372036854775808 is larger than a long",
        "a > 1e400 | 5 | the number 1e400 is larger than a double",
        "a.b > 5 | 2 | unexpected character '.'",
        "é > 5 | 1 | unexpected character 'é'",
        "  | 1 | the expression is empty",
        "AND = 1 | 1 | found 'AND'",
    })
    void refusesWithPositionAndWhatWasExpected(String expression, int position, String message) {
        SqlFilterException e = assertThrows(SqlFilterException.class, () -> SqlFilter.compile(expression));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().startsWith("at position " + position + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void depthAndLengthAreBounded() throws SqlFilterException {
        String nested = "(".repeat(SqlParser.MAX_DEPTH - 1) + "a > 5" + ")".repeat(SqlParser.MAX_DEPTH - 1);
        assertTrue(matches(nested));
        SqlFilterException deep = assertThrows(SqlFilterException.class,
                () -> SqlFilter.compile("(" + nested + ")"));
        assertTrue(deep.getMessage().contains("nests deeper than 100 levels"), deep.getMessage());
        assertThrows(SqlFilterException.class, () -> SqlFilter.compile("NOT ".repeat(200) + "a"));
        assertThrows(SqlFilterException.class, () -> SqlFilter.compile("a" + " = TRUE".repeat(200)));
        assertThrows(SqlFilterException.class, () -> SqlFilter.compile("-".repeat(300) + "5 < a"));

        String longOr = "a = 1" + " or a = 1".repeat(1500);
        assertTrue(longOr.length() < SqlFilter.MAX_LENGTH);
        assertEquals(false, matches(longOr), "a long OR chain is flat, not deep");
        SqlFilterException tooLong = assertThrows(SqlFilterException.class,
                () -> SqlFilter.compile("a = '" + "x".repeat(SqlFilter.MAX_LENGTH) + "'"));
        assertTrue(tooLong.getMessage().contains("longer than 16384 characters"), tooLong.getMessage());
    }

    @Test
    void requiredTagsComeFromTagsConditionsThatMustHold() throws SqlFilterException {
        assertEquals(Set.of("A"), SqlFilter.compile("TAGS = 'A'").requiredTags());
        assertEquals(Set.of("A"), SqlFilter.compile("'A' = TAGS and a > 1").requiredTags());
        assertEquals(Set.of("A", "B"), SqlFilter.compile("TAGS in ('A', 'B') and a > 1").requiredTags());
        assertEquals(Set.of("B"), SqlFilter.compile("TAGS in ('A', 'B') and TAGS = 'B'").requiredTags());
        assertEquals(Set.of("A", "C"), SqlFilter.compile("(TAGS = 'A' and a > 1) or TAGS = 'C'").requiredTags());
        assertNull(SqlFilter.compile("TAGS = 'A' or a > 1").requiredTags());
        assertNull(SqlFilter.compile("not (TAGS <> 'A')").requiredTags());
        assertNull(SqlFilter.compile("TAGS <> 'A'").requiredTags());
        assertNull(SqlFilter.compile("TAGS not in ('A')").requiredTags());
        assertNull(SqlFilter.compile("TAGS = 5").requiredTags(), "'05' and '+5' would match too");
        assertNull(SqlFilter.compile("a > 1").requiredTags());
    }
}
