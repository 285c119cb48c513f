package io.apogee.broker.filter;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A compiled SQL92 expression node. Evaluation follows RocketMQ's selector semantics: a property is its string value
 * or {@code null} when the message does not have it; a condition is {@code TRUE}, {@code FALSE} or {@code null}
 * (unknown), with SQL's three-valued AND, OR and NOT. A comparison that cannot be made (a property that is not a
 * number compared with a number) throws {@link SqlValues#CANNOT_COMPARE}, which fails the whole evaluation.
 */
sealed interface SqlNode {

    /** The node's value for a message whose properties {@code properties} looks up. */
    Object eval(Function<String, String> properties);

    /** Whether the node is a condition (RocketMQ's BooleanExpression: TRUE, FALSE and NULL literals included). */
    default boolean isCondition() {
        return true;
    }

    /** A string, integer ({@code Long}), decimal ({@code Double}), TRUE/FALSE ({@code Boolean}) or NULL literal. */
    record Literal(Object value, String text) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            return value;
        }

        @Override
        public boolean isCondition() {
            return value == null || value instanceof Boolean;
        }
    }

    /** A message property, by name (case-sensitive). */
    record Property(String name) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            return properties.apply(name);
        }

        @Override
        public boolean isCondition() {
            return false;
        }
    }

    /** Unary minus: a number negated; anything else is unknown ({@code null}), as RocketMQ. */
    record Negate(SqlNode operand) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            Object v = operand.eval(properties);
            if (v instanceof Long l) {
                return -l;
            }
            return v instanceof Double d ? -d : null;
        }

        @Override
        public boolean isCondition() {
            return false;
        }
    }

    /** A property used as a condition: {@code null} stays unknown, and a string (never a boolean) is FALSE. */
    record BooleanCast(SqlNode operand) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            Object v = operand.eval(properties);
            return v == null ? null : v instanceof Boolean ? v : Boolean.FALSE;
        }
    }

    /** NOT: unknown stays unknown. */
    record Not(SqlNode operand) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            Object v = operand.eval(properties);
            return v == null ? null : !(Boolean) v;
        }
    }

    /** AND of two or more conditions, left to right, stopping at the first FALSE. */
    record And(List<SqlNode> operands) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            return junction(operands, Boolean.FALSE, properties);
        }
    }

    /** OR of two or more conditions, left to right, stopping at the first TRUE. */
    record Or(List<SqlNode> operands) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            return junction(operands, Boolean.TRUE, properties);
        }
    }

    /**
     * Three-valued AND ({@code decisive} FALSE) or OR ({@code decisive} TRUE): {@code decisive} as soon as an operand
     * is, else unknown if one was unknown, else the other value.
     */
    private static Object junction(List<SqlNode> operands, Boolean decisive, Function<String, String> properties) {
        boolean unknown = false;
        for (SqlNode operand : operands) {
            Object v = operand.eval(properties);
            if (decisive.equals(v)) {
                return decisive;
            }
            unknown |= v == null;
        }
        return unknown ? null : !decisive;
    }

    /** IS NULL, or IS NOT NULL when {@code negated}: never unknown. */
    record IsNull(SqlNode operand, boolean negated) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            return (operand.eval(properties) == null) != negated;
        }
    }

    /** IN (or NOT IN) a list of strings; unknown when the message lacks the property. */
    record In(Property property, Set<String> values, boolean negated) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            Object v = property.eval(properties);
            return v == null ? null : values.contains(v) != negated;
        }
    }

    /** {@code =}, or {@code <>} when {@code negated} (NOT of {@code =}, unknown kept). */
    record Equal(SqlNode left, SqlNode right, boolean negated) implements SqlNode {

        @Override
        public Object eval(Function<String, String> properties) {
            Boolean equal = SqlValues.equal(left.eval(properties), right.eval(properties));
            return equal == null ? null : equal != negated;
        }
    }

    /** {@code <}, {@code <=}, {@code >} or {@code >=}; unknown when either side is. */
    record Relational(Op op, SqlNode left, SqlNode right) implements SqlNode {

        /** The operator, and which comparison results it accepts. */
        enum Op {
            LT("<"), LE("<="), GT(">"), GE(">=");

            final String symbol;

            Op(String symbol) {
                this.symbol = symbol;
            }

            boolean accepts(int comparison) {
                return switch (this) {
                    case LT -> comparison < 0;
                    case LE -> comparison <= 0;
                    case GT -> comparison > 0;
                    case GE -> comparison >= 0;
                };
            }
        }

        @Override
        public Object eval(Function<String, String> properties) {
            Object l = left.eval(properties);
            if (l == null) {
                return null;
            }
            Object r = right.eval(properties);
            if (r == null) {
                return null;
            }
            Integer comparison = SqlValues.compareOrdered(l, r);
            return comparison == null ? Boolean.FALSE : op.accepts(comparison);
        }
    }
}
