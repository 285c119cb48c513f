package io.apogee.broker.filter;

import io.apogee.broker.filter.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a SQL92 filter expression into tokens as RocketMQ's selector grammar does: keywords in any case,
 * identifiers of letters, digits, {@code _} and {@code $} (not starting with a digit), single-quoted strings with
 * {@code ''} for a quote, integers (an optional {@code L} suffix), decimals with an optional exponent, and the
 * comparison operators. Blanks, {@code /* ... *}{@code /} comments and {@code --} comments that end with a line
 * break are skipped.
 */
final class SqlLexer {

    private static final Map<String, Kind> KEYWORDS = Map.of("NOT", Kind.NOT, "AND", Kind.AND, "OR", Kind.OR,
            "BETWEEN", Kind.BETWEEN, "IN", Kind.IN, "TRUE", Kind.TRUE, "FALSE", Kind.FALSE, "NULL", Kind.NULL,
            "IS", Kind.IS);

    private final String text;
    private int at;

    private SqlLexer(String text) {
        this.text = text;
    }

    /** The tokens of {@code text}, ending with one {@link Kind#END}. */
    static List<SqlToken> tokens(String text) throws SqlFilterException {
        SqlLexer lexer = new SqlLexer(text);
        List<SqlToken> out = new ArrayList<>();
        SqlToken token;
        do {
            token = lexer.next();
            out.add(token);
        } while (token.kind() != Kind.END);
        return out;
    }

    private SqlToken next() throws SqlFilterException {
        skipBlanksAndComments();
        if (at >= text.length()) {
            return new SqlToken(Kind.END, "", at, at, null);
        }
        char c = text.charAt(at);
        if (isIdStart(c)) {
            return identifier();
        }
        if (isDigit(c) || (c == '.' && at + 1 < text.length() && isDigit(text.charAt(at + 1)))) {
            return number();
        }
        if (c == '\'') {
            return string();
        }
        return operator(c);
    }

    private void skipBlanksAndComments() throws SqlFilterException {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                at++;
            } else if (text.startsWith("/*", at)) {
                int close = text.indexOf("*/", at + 2);
                if (close < 0) {
                    throw new SqlFilterException(at + 1, "the comment starting here is not closed with */");
                }
                at = close + 2;
            } else if (text.startsWith("--", at) && lineBreakAfter(at) >= 0) {
                at = lineBreakAfter(at) + 1;
            } else {
                return;
            }
        }
    }

    /** Index of the first line break after {@code from}, or -1 (a {@code --} without one is two minus signs). */
    private int lineBreakAfter(int from) {
        for (int i = from + 2; i < text.length(); i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                return i;
            }
        }
        return -1;
    }

    private SqlToken identifier() {
        int start = at;
        while (at < text.length() && (isIdStart(text.charAt(at)) || isDigit(text.charAt(at)))) {
            at++;
        }
        String word = text.substring(start, at);
        Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
        return new SqlToken(keyword != null ? keyword : Kind.ID, word, start, at, null);
    }

    private SqlToken number() throws SqlFilterException {
        int start = at;
        skipDigits();
        boolean decimal = false;
        if (at < text.length() && text.charAt(at) == '.') {
            decimal = true;
            at++;
            skipDigits();
        }
        if (exponentAt(at)) {
            decimal = true;
            at++;
            if (text.charAt(at) == '+' || text.charAt(at) == '-') {
                at++;
            }
            skipDigits();
        }
        String literal = text.substring(start, at);
        if (decimal) {
            double value = Double.parseDouble(literal);
            if (Double.isInfinite(value)) {
                throw new SqlFilterException(start + 1, "the number " + literal + " is larger than a double");
            }
            return new SqlToken(Kind.DECIMAL, literal, start, at, value);
        }
        if (at < text.length() && (text.charAt(at) == 'l' || text.charAt(at) == 'L')) {
            at++;
        }
        try {
            return new SqlToken(Kind.INTEGER, text.substring(start, at), start, at, Long.parseLong(literal));
        } catch (NumberFormatException e) {
            throw new SqlFilterException(start + 1, "the integer " + literal + " is larger than a long ("
                    + Long.MAX_VALUE + "); write it as a decimal");
        }
    }

    private boolean exponentAt(int i) {
        if (i >= text.length() || (text.charAt(i) != 'e' && text.charAt(i) != 'E')) {
            return false;
        }
        int digit = i + 1 < text.length() && (text.charAt(i + 1) == '+' || text.charAt(i + 1) == '-') ? i + 2 : i + 1;
        return digit < text.length() && isDigit(text.charAt(digit));
    }

    private void skipDigits() {
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
    }

    private SqlToken string() throws SqlFilterException {
        int start = at;
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw new SqlFilterException(start + 1, "the string starting here is not closed with '");
            }
            char c = text.charAt(at++);
            if (c != '\'') {
                value.append(c);
            } else if (at < text.length() && text.charAt(at) == '\'') {
                value.append('\'');
                at++;
            } else {
                return new SqlToken(Kind.STRING, text.substring(start, at), start, at, value.toString());
            }
        }
    }

    private SqlToken operator(char c) throws SqlFilterException {
        int start = at;
        Kind kind = switch (c) {
            case '=' -> Kind.EQ;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case ',' -> Kind.COMMA;
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            case '>' -> followedBy('=') ? Kind.GE : Kind.GT;
            case '<' -> followedBy('>') ? Kind.NE : followedBy('=') ? Kind.LE : Kind.LT;
            default -> null;
        };
        if (kind == null) {
            throw new SqlFilterException(start + 1, "unexpected character '" + c + "'" + hint(c));
        }
        at += kind == Kind.GE || kind == Kind.NE || kind == Kind.LE ? 2 : 1;
        return new SqlToken(kind, text.substring(start, at), start, at, null);
    }

    private boolean followedBy(char c) {
        return at + 1 < text.length() && text.charAt(at + 1) == c;
    }

    private static String hint(char c) {
        return switch (c) {
            case '!' -> " (not equal is <>)";
            case '"' -> " (strings are in single quotes)";
            case '&', '|' -> " (use AND, OR)";
            default -> "";
        };
    }

    private static boolean isIdStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
