package io.apogee.client;

/**
 * A {@code request()} whose reply did not arrive in time (RocketMQ's {@code RequestTimeoutException}): code
 * {@link ClientErrorCode#REQUEST_TIMEOUT_EXCEPTION}, thrown by the blocking variants once the request was sent, and
 * given to a {@code RequestCallback}'s {@code onException} when its reply is overdue.
 */
public class RequestTimeoutException extends Exception {

    private int responseCode;
    private String errorMessage;

    public RequestTimeoutException(String errorMessage, Throwable cause) {
        super(errorMessage, cause);
        this.responseCode = -1;
        this.errorMessage = errorMessage;
    }

    public RequestTimeoutException(int responseCode, String errorMessage) {
        super("CODE: " + responseCode + " DESC: " + errorMessage);
        this.responseCode = responseCode;
        this.errorMessage = errorMessage;
    }

    public int getResponseCode() {
        return responseCode;
    }

    public RequestTimeoutException setResponseCode(int responseCode) {
        this.responseCode = responseCode;
        return this;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }
}
