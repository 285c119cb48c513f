package io.apogee.remoting.exception;

/** The connection to a peer could not be opened. */
public class RemotingConnectException extends RemotingException {

    public RemotingConnectException(String message) {
        super(message);
    }

    public RemotingConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
