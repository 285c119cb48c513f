package io.apogee.console.http;

/**
 * A request the console refuses, answered with {@link #status()} and {@code {"error": message}}; the message says
 * what was wrong and what to do.
 */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 400: a parameter or body the caller must fix. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 404: the named thing does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
