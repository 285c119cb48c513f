package io.apogee.store.file;

import java.io.IOException;

/** Hands a {@link MappedFileQueue} the file it rolls to when one was prepared ahead, off the writer's lock. */
@FunctionalInterface
public interface NextFileSource {

    /**
     * The prepared file starting at {@code fromOffset}, or {@code null} when there is none: the queue then creates
     * it itself. After this call the source never creates a file at {@code fromOffset} or below.
     *
     * @throws NoSpaceException when preparing that file found no room for it: no file may be created there now
     * @throws IOException      when the file is still being prepared and does not become free in time
     */
    MappedFile take(long fromOffset) throws IOException;
}
