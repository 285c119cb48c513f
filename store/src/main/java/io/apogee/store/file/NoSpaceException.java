package io.apogee.store.file;

import java.io.IOException;

/** A store file could not be created because its disk has no room for all of its blocks. */
public final class NoSpaceException extends IOException {

    private static final long serialVersionUID = 1L;

    public NoSpaceException(String message, IOException cause) {
        super(message, cause);
    }
}
