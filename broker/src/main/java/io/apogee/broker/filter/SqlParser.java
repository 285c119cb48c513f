package io.apogee.broker.filter;

import io.apogee.broker.filter.SqlNode.And;
import io.apogee.broker.filter.SqlNode.BooleanCast;
import io.apogee.broker.filter.SqlNode.Equal;
import io.apogee.broker.filter.SqlNode.In;
import io.apogee.broker.filter.SqlNode.IsNull;
import io.apogee.broker.filter.SqlNode.Literal;
import io.apogee.broker.filter.SqlNode.Negate;
import io.apogee.broker.filter.SqlNode.Not;
import io.apogee.broker.filter.SqlNode.Or;
import io.apogee.broker.filter.SqlNode.Property;
import io.apogee.broker.filter.SqlNode.Relational;
import io.apogee.broker.filter.SqlNode.Relational.Op;
import io.apogee.broker.filter.SqlToken.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Recursive-descent parser of RocketMQ's SQL92 selector grammar, with its compile-time checks:
 *
 * <pre>
 * expression := or END
 * or         := and (OR and)*
 * and        := equality (AND equality)*
 * equality   := comparison ('=' comparison | '&lt;&gt;' comparison | IS [NOT] NULL)*
 * comparison := unary ( ('&gt;' | '&gt;=' | '&lt;' | '&lt;=') unary
 *                     | [NOT] BETWEEN unary AND unary
 *                     | [NOT] IN '(' string (',' string)* ')' )*
 * unary      := '+' unary | '-' unary | NOT unary | primary
 * primary    := literal | property | '(' or ')'
 * </pre>
 *
 * Literal bounds of BETWEEN (not of NOT BETWEEN, as RocketMQ) must be in order.
 * NOT binds tighter than comparisons, as in RocketMQ: {@code NOT a > 5} is refused, {@code NOT (a > 5)} is meant.
 * Unlike RocketMQ, which stops at the first token it cannot use and ignores the rest, text after a complete
 * expression is refused. Nesting is limited to {@link #MAX_DEPTH} levels, so neither this parser nor an evaluation
 * can exhaust the stack.
 */
final class SqlParser {

    /** Deepest nesting of parentheses, prefix operators and chained comparisons. */
    static final int MAX_DEPTH = 100;

    private final String text;
    private final List<SqlToken> tokens;
    private int next;
    private int depth;

    private SqlParser(String text, List<SqlToken> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /** The condition {@code text} states. */
    static SqlNode parse(String text) throws SqlFilterException {
        SqlParser parser = new SqlParser(text, SqlLexer.tokens(text));
        if (parser.peek().kind() == Kind.END) {
            throw new SqlFilterException(1, "the expression is empty");
        }
        int start = parser.peek().start();
        SqlNode condition = parser.condition(parser.or(), start);
        if (parser.peek().kind() != Kind.END) {
            throw parser.unexpected("AND, OR or the end of the expression");
        }
        return condition;
    }

    private SqlNode or() throws SqlFilterException {
        return junction(Kind.OR, this::and, Or::new);
    }

    private SqlNode and() throws SqlFilterException {
        return junction(Kind.AND, this::equality, And::new);
    }

    /** One step of the descent, which may refuse the text. */
    private interface Step {
        SqlNode parse() throws SqlFilterException;
    }

    /** Operands joined by {@code op}, flat (one node for a chain, however long), each one a condition. */
    private SqlNode junction(Kind op, Step operand, Function<List<SqlNode>, SqlNode> join)
            throws SqlFilterException {
        int start = peek().start();
        SqlNode first = operand.parse();
        if (peek().kind() != op) {
            return first;
        }
        List<SqlNode> operands = new ArrayList<>();
        operands.add(condition(first, start));
        while (accept(op)) {
            int at = peek().start();
            operands.add(condition(operand.parse(), at));
        }
        return join.apply(List.copyOf(operands));
    }

    /** A parsed node with its source span, for the messages of compile-time checks. */
    private record Operand(SqlNode node, int start, int end) {
    }

    private SqlNode equality() throws SqlFilterException {
        int start = peek().start();
        Operand left = new Operand(comparison(), start, lastEnd());
        int entered = depth;
        try {
            while (true) {
                SqlToken op = peek();
                if (accept(Kind.IS)) {
                    boolean negated = accept(Kind.NOT);
                    expect(Kind.NULL, "NULL");
                    left = new Operand(new IsNull(left.node(), negated), start, lastEnd());
                } else if (accept(Kind.EQ) || accept(Kind.NE)) {
                    int rightStart = peek().start();
                    Operand right = new Operand(comparison(), rightStart, lastEnd());
                    checkEqualOperands(left, right, op);
                    left = new Operand(new Equal(left.node(), right.node(), op.kind() == Kind.NE), start, lastEnd());
                } else {
                    return left.node();
                }
                enter();
            }
        } finally {
            depth = entered;
        }
    }

    private SqlNode comparison() throws SqlFilterException {
        Operand left = unaryOperand();
        int entered = depth;
        try {
            while (true) {
                SqlToken op = peek();
                Op relational = relational(op.kind());
                SqlNode built;
                if (relational != null) {
                    next++;
                    Operand right = unaryOperand();
                    checkOrdered(left, op.text());
                    checkOrdered(right, op.text());
                    built = new Relational(relational, left.node(), right.node());
                } else if (op.kind() == Kind.BETWEEN || (op.kind() == Kind.NOT && peekAfter() == Kind.BETWEEN)) {
                    built = between(left);
                } else if (op.kind() == Kind.IN || (op.kind() == Kind.NOT && peekAfter() == Kind.IN)) {
                    built = in(left);
                } else {
                    return left.node();
                }
                left = new Operand(built, left.start(), lastEnd());
                enter();
            }
        } finally {
            depth = entered;
        }
    }

    private Operand unaryOperand() throws SqlFilterException {
        int start = peek().start();
        SqlNode node = unary();
        return new Operand(node, start, lastEnd());
    }

    private SqlNode between(Operand value) throws SqlFilterException {
        boolean negated = accept(Kind.NOT);
        SqlToken keyword = tokens.get(next++);
        Operand low = unaryOperand();
        expect(Kind.AND, "AND between the bounds of BETWEEN");
        Operand high = unaryOperand();
        for (Operand o : List.of(value, low, high)) {
            checkOrdered(o, "BETWEEN");
        }
        if (!negated && low.node() instanceof Literal l && high.node() instanceof Literal h
                && SqlValues.compareOrdered(l.value(), h.value()) > 0) {
            throw new SqlFilterException(keyword.start() + 1, "the bounds of BETWEEN are reversed: "
                    + l.text() + " is greater than " + h.text() + "; write the lower bound first");
        }
        SqlNode v = value.node();
        return negated
                ? new Or(List.of(new Relational(Op.LT, v, low.node()), new Relational(Op.GT, v, high.node())))
                : new And(List.of(new Relational(Op.GE, v, low.node()), new Relational(Op.LE, v, high.node())));
    }

    private SqlNode in(Operand left) throws SqlFilterException {
        boolean negated = accept(Kind.NOT);
        next++;
        if (!(left.node() instanceof Property property)) {
            throw new SqlFilterException(left.start() + 1, "IN needs a property on its left, found "
                    + source(left));
        }
        expect(Kind.LPAREN, "'(' after IN");
        Set<String> values = new LinkedHashSet<>();
        do {
            values.add((String) expect(Kind.STRING, "a string in single quotes (IN lists hold strings only)")
                    .value());
        } while (accept(Kind.COMMA));
        expect(Kind.RPAREN, "',' or ')' in the IN list");
        return new In(property, Set.copyOf(values), negated);
    }

    private SqlNode unary() throws SqlFilterException {
        SqlToken token = peek();
        if (token.kind() != Kind.PLUS && token.kind() != Kind.MINUS && token.kind() != Kind.NOT) {
            return primary();
        }
        next++;
        enter();
        try {
            int start = peek().start();
            SqlNode operand = unary();
            return switch (token.kind()) {
                case PLUS -> operand;
                case MINUS -> new Negate(operand);
                default -> new Not(condition(operand, start));
            };
        } finally {
            depth--;
        }
    }

    private SqlNode primary() throws SqlFilterException {
        SqlToken token = peek();
        switch (token.kind()) {
            case STRING, INTEGER, DECIMAL -> {
                next++;
                return new Literal(token.value(), token.text());
            }
            case TRUE, FALSE -> {
                next++;
                return new Literal(token.kind() == Kind.TRUE, token.text());
            }
            case NULL -> {
                next++;
                return new Literal(null, token.text());
            }
            case ID -> {
                next++;
                return new Property(token.text());
            }
            case LPAREN -> {
                next++;
                enter();
                try {
                    SqlNode inner = or();
                    expect(Kind.RPAREN, "')'");
                    return inner;
                } finally {
                    depth--;
                }
            }
            default -> throw unexpected("a property, a literal, '(', NOT or '-'");
        }
    }

    /** {@code node} as a condition: itself, a property read as one, or a refusal (a number or string literal). */
    private SqlNode condition(SqlNode node, int start) throws SqlFilterException {
        if (node.isCondition()) {
            return node;
        }
        if (node instanceof Property) {
            return new BooleanCast(node);
        }
        throw new SqlFilterException(start + 1, source(new Operand(node, start, lastEnd()))
                + " is not a condition: expected a comparison, IN,"
                + " IS NULL, TRUE, FALSE or a property");
    }

    /** RocketMQ refuses string, boolean and NULL literals, and conditions, as an operand of an ordering. */
    private void checkOrdered(Operand operand, String op) throws SqlFilterException {
        SqlNode node = operand.node();
        boolean number = node instanceof Literal l && l.value() instanceof Number;
        if (!number && (node instanceof Literal || node.isCondition())) {
            throw new SqlFilterException(operand.start() + 1, source(operand) + " cannot be compared with " + op
                    + ": only numbers and properties can");
        }
    }

    /** RocketMQ refuses NULL on either side of = and &lt;&gt;, and TRUE or FALSE compared with another literal. */
    private void checkEqualOperands(Operand left, Operand right, SqlToken op) throws SqlFilterException {
        for (Operand o : List.of(left, right)) {
            if (o.node() instanceof Literal l && l.value() == null) {
                throw new SqlFilterException(o.start() + 1, "NULL cannot be compared with " + op.text()
                        + ": use IS NULL or IS NOT NULL");
            }
        }
        if (left.node() instanceof Literal l && l.isCondition() && right.node() instanceof Literal r
                && !r.isCondition()) {
            throw new SqlFilterException(left.start() + 1, l.text() + " cannot be compared with " + r.text());
        }
    }

    private static Op relational(Kind kind) {
        return switch (kind) {
            case LT -> Op.LT;
            case LE -> Op.LE;
            case GT -> Op.GT;
            case GE -> Op.GE;
            default -> null;
        };
    }

    private void enter() throws SqlFilterException {
        if (++depth > MAX_DEPTH) {
            throw new SqlFilterException(peek().start() + 1, "the expression nests deeper than " + MAX_DEPTH
                    + " levels");
        }
    }

    private SqlToken peek() {
        return tokens.get(next);
    }

    private Kind peekAfter() {
        return tokens.get(Math.min(next + 1, tokens.size() - 1)).kind();
    }

    private boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            next++;
            return true;
        }
        return false;
    }

    private SqlToken expect(Kind kind, String what) throws SqlFilterException {
        if (peek().kind() != kind) {
            throw unexpected(what);
        }
        return tokens.get(next++);
    }

    private SqlFilterException unexpected(String expected) {
        return new SqlFilterException(peek().start() + 1, "expected " + expected + ", found " + peek().describe());
    }

    /** End of the last token consumed. */
    private int lastEnd() {
        return next > 0 ? tokens.get(next - 1).end() : 0;
    }

    /** The source text of an operand, quoted. */
    private String source(Operand operand) {
        return "'" + text.substring(operand.start(), Math.max(operand.start(), operand.end())) + "'";
    }
}
