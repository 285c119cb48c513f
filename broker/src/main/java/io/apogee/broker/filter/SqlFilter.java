package io.apogee.broker.filter;

import io.apogee.common.message.MessageProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A compiled SQL92 filter expression, as {@code MessageSelector.bySql} subscribes with (RocketMQ's grammar; README
 * "SQL92 filtering"). A message matches when the expression evaluates to TRUE over its properties: FALSE, unknown (a
 * property it compares is missing) and a comparison that cannot be made (a property that is not a number compared
 * with one) do not match. Immutable and thread-safe.
 */
public final class SqlFilter {

    /** Longest expression compiled, in characters. */
    public static final int MAX_LENGTH = 16 * 1024;

    private final String expression;
    private final SqlNode condition;
    /** The TAGS values a matching message must have one of, or {@code null} when the expression does not say. */
    private final Set<String> requiredTags;

    private SqlFilter(String expression, SqlNode condition) {
        this.expression = expression;
        this.condition = condition;
        Set<String> tags = requiredTags(condition);
        this.requiredTags = tags == null ? null : Set.copyOf(tags);
    }

    /**
     * Compiles {@code expression}.
     *
     * @throws SqlFilterException when it is empty, longer than {@link #MAX_LENGTH}, nests deeper than 100 levels or
     *                            does not follow the grammar; the message says where and what was expected
     */
    public static SqlFilter compile(String expression) throws SqlFilterException {
        if (expression == null) {
            throw new SqlFilterException(1, "the expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new SqlFilterException(MAX_LENGTH + 1, "the expression is longer than " + MAX_LENGTH
                    + " characters");
        }
        return new SqlFilter(expression, SqlParser.parse(expression));
    }

    /** Whether a message whose property values {@code properties} returns ({@code null}: absent) matches. */
    public boolean matches(Function<String, String> properties) {
        try {
            return Boolean.TRUE.equals(condition.eval(properties));
        } catch (RuntimeException e) {
            if (e == SqlValues.CANNOT_COMPARE) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The TAGS values of which a matching message must have one ({@code TAGS = 'a'}, {@code TAGS IN ('a', 'b')},
     * and ANDs and ORs of them), or {@code null} when the expression does not restrict the tag. Lets a reader skip a
     * message by its consume-queue tag code without reading its properties.
     */
    public Set<String> requiredTags() {
        return requiredTags;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }

    private static Set<String> requiredTags(SqlNode node) {
        if (node instanceof SqlNode.Equal e && !e.negated()) {
            String tag = tagLiteral(e.left(), e.right());
            if (tag == null) {
                tag = tagLiteral(e.right(), e.left());
            }
            return tag == null ? null : Set.of(tag);
        }
        if (node instanceof SqlNode.In in && !in.negated() && isTags(in.property())) {
            return in.values();
        }
        if (node instanceof SqlNode.And and) {
            return intersection(and.operands());
        }
        if (node instanceof SqlNode.Or or) {
            return union(or.operands());
        }
        return null;
    }

    /** The string compared with TAGS when {@code property} is TAGS and {@code literal} a string literal. */
    private static String tagLiteral(SqlNode property, SqlNode literal) {
        return isTags(property) && literal instanceof SqlNode.Literal l && l.value() instanceof String s ? s : null;
    }

    private static boolean isTags(SqlNode node) {
        return node instanceof SqlNode.Property p && MessageProperty.TAGS.equals(p.name());
    }

    /** An AND matches only if every operand does: any operand's tags restrict it. */
    private static Set<String> intersection(List<SqlNode> operands) {
        Set<String> out = null;
        for (SqlNode operand : operands) {
            Set<String> tags = requiredTags(operand);
            if (tags != null) {
                if (out == null) {
                    out = new HashSet<>(tags);
                } else {
                    out.retainAll(tags);
                }
            }
        }
        return out;
    }

    /** An OR matches if any operand does: it restricts the tag only if every operand does. */
    private static Set<String> union(List<SqlNode> operands) {
        Set<String> out = new HashSet<>();
        for (SqlNode operand : operands) {
            Set<String> tags = requiredTags(operand);
            if (tags == null) {
                return null;
            }
            out.addAll(tags);
        }
        return out;
    }
}
