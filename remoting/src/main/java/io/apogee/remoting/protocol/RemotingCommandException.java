package io.apogee.remoting.protocol;

/** A command is malformed: a required header field is missing, a value does not parse, or a body is corrupt. */
public class RemotingCommandException extends Exception {

    public RemotingCommandException(String message) {
        super(message);
    }

    public RemotingCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
