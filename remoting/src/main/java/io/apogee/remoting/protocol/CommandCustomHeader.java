package io.apogee.remoting.protocol;

/**
 * A typed view of a command's extFields. Each non-static, non-transient field maps to the extFields key of the same
 * name (see {@link HeaderMapper}); fields marked {@link Required} must be present when decoding.
 */
public interface CommandCustomHeader {

    /**
     * Checks values the mapper cannot check on its own (ranges, combinations), after decoding.
     *
     * @throws RemotingCommandException with a readable message naming the field
     */
    default void checkFields() throws RemotingCommandException {
    }
}
