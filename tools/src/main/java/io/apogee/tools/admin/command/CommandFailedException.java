package io.apogee.tools.admin.command;

/** A sub-command could not do its job for a reason the operator can act on; the message is the line printed. */
public class CommandFailedException extends Exception {

    public CommandFailedException(String message) {
        super(message);
    }
}
