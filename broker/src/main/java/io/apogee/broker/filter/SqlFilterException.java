package io.apogee.broker.filter;

/**
 * A SQL92 filter expression that does not compile: the message says where (a 1-based character position) and what
 * was expected or is wrong there.
 */
public final class SqlFilterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    SqlFilterException(int position, String problem) {
        super("at position " + position + ": " + problem);
        this.position = position;
    }

    /** 1-based character position of the problem in the expression. */
    public int position() {
        return position;
    }
}
