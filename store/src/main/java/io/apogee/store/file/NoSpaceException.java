package io.apogee.store.file;

import java.io.IOException;

/** A store file cannot be created now: its disk has no room for all of its blocks. */
public final class NoSpaceException extends IOException {

    private static final long serialVersionUID = 1L;

    public NoSpaceException(String message) {
        super(message);
    }
}
