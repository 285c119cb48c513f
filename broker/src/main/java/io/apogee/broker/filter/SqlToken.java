package io.apogee.broker.filter;

/**
 * One token of a SQL92 filter expression.
 *
 * @param kind  what it is
 * @param text  its source text
 * @param start 0-based index of its first character
 * @param end   0-based index just past its last character
 * @param value the literal's value ({@code String}, {@code Long} or {@code Double}), else {@code null}
 */
record SqlToken(Kind kind, String text, int start, int end, Object value) {

    /** Token kinds: RocketMQ's keywords (any case), literals, identifiers and operators. */
    enum Kind {
        NOT, AND, OR, BETWEEN, IN, TRUE, FALSE, NULL, IS,
        INTEGER, DECIMAL, STRING, ID,
        EQ, NE, GT, GE, LT, LE, LPAREN, COMMA, RPAREN, PLUS, MINUS,
        END
    }

    /** How an error message names this token. */
    String describe() {
        return kind == Kind.END ? "the end of the expression" : "'" + text + "'";
    }
}
