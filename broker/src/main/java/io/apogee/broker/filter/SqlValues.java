package io.apogee.broker.filter;

/**
 * RocketMQ's comparison rules for SQL92 filter values ({@code String} properties, {@code Long} and {@code Double}
 * literals, {@code Boolean} conditions): a property string compared with a number is parsed as that kind of number
 * (an integer as a long, a decimal as a double); two property strings are equal only as strings, and ordered only as
 * numbers (both parsed as doubles). A string that does not parse fails the evaluation ({@link #CANNOT_COMPARE}), as
 * RocketMQ's exception does; values of unrelated kinds (a number and a boolean) are simply not equal.
 */
final class SqlValues {

    /** Thrown when a comparison cannot be made; fails the whole evaluation (the message does not match). */
    static final RuntimeException CANNOT_COMPARE = new CannotCompare();

    private SqlValues() {
    }

    /**
     * {@code left = right}: TRUE or FALSE, or {@code null} (unknown) when only the left side is missing. RocketMQ's
     * equality is not symmetric there: a missing right side is FALSE, and two missing sides are equal.
     */
    static Boolean equal(Object left, Object right) {
        if ((left == null) != (right == null)) {
            return left == null ? null : Boolean.FALSE;
        }
        if (left == null || left.equals(right)) {
            return Boolean.TRUE;
        }
        Integer comparison = compare(left, right);
        return comparison != null && comparison == 0;
    }

    /** Order of two present values for {@code <}, {@code <=}, {@code >}, {@code >=}; {@code null}: not comparable. */
    static Integer compareOrdered(Object left, Object right) {
        if (left instanceof String l && right instanceof String r) {
            return Double.compare(parseDouble(l), parseDouble(r));
        }
        return compare(left, right);
    }

    /** Order of two present values after RocketMQ's conversions; {@code null} when their kinds do not compare. */
    private static Integer compare(Object left, Object right) {
        if (left instanceof Long l) {
            if (right instanceof Long r) {
                return Long.compare(l, r);
            }
            if (right instanceof Double r) {
                return Double.compare(l, r);
            }
            return right instanceof String r ? Long.compare(l, parseLong(r)) : null;
        }
        if (left instanceof Double l) {
            if (right instanceof Double r) {
                return Double.compare(l, r);
            }
            if (right instanceof Long r) {
                return Double.compare(l, r);
            }
            return right instanceof String r ? Double.compare(l, parseDouble(r)) : null;
        }
        if (left instanceof String l) {
            if (right instanceof String r) {
                return l.compareTo(r);
            }
            if (right instanceof Long r) {
                return Long.compare(parseLong(l), r);
            }
            if (right instanceof Double r) {
                return Double.compare(parseDouble(l), r);
            }
            return right instanceof Boolean r ? Boolean.compare(Boolean.parseBoolean(l), r) : null;
        }
        if (left instanceof Boolean l) {
            if (right instanceof Boolean r) {
                return Boolean.compare(l, r);
            }
            if (right instanceof String) {
                // RocketMQ fails here (it casts the boolean to a string).
                throw CANNOT_COMPARE;
            }
        }
        return null;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw CANNOT_COMPARE;
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw CANNOT_COMPARE;
        }
    }

    /** Stackless: thrown per message on the pull path. */
    private static final class CannotCompare extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CannotCompare() {
            super("a property value cannot be compared", null, false, false);
        }
    }
}
