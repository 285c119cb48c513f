package io.apogee.remoting.exception;

/** Too many asynchronous or oneway requests are outstanding (the semaphore is exhausted). */
public class RemotingTooMuchRequestException extends RemotingException {

    public RemotingTooMuchRequestException(String message) {
        super(message);
    }

    public RemotingTooMuchRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
