package io.apogee.client;

/**
 * A client-side failure: invalid arguments or state (response code -1), or a broker/NameServer answer the client
 * could not use (its response code).
 */
public class MQClientException extends Exception {

    private int responseCode;
    private String errorMessage;

    public MQClientException(String message, Throwable cause) {
        super(message, cause);
        this.responseCode = -1;
        this.errorMessage = message;
    }

    public MQClientException(int responseCode, String message) {
        super("CODE: " + responseCode + " DESC: " + message);
        this.responseCode = responseCode;
        this.errorMessage = message;
    }

    /** The description alone, without the {@code CODE:} prefix of {@link #getMessage()}. */
    public String getErrorMessage() {
        return errorMessage;
    }

    /** The server's response code behind this failure, or -1 for a purely client-side one. */
    public int getResponseCode() {
        return responseCode;
    }

    /** Replaces the response code (not {@link #getMessage()}), as RocketMQ's; returns this exception. */
    public MQClientException setResponseCode(int responseCode) {
        this.responseCode = responseCode;
        return this;
    }

    /** Replaces the description {@link #getErrorMessage()} returns (not {@link #getMessage()}), as RocketMQ's. */
    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }
}
