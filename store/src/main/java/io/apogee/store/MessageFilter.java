package io.apogee.store;

import java.nio.ByteBuffer;

/**
 * Decides from a consume-queue entry's tag code whether a message may match a subscription, then, for property
 * filters, from the stored message itself. The exact tag check is the consumer's job; the tag code only skips what
 * certainly does not match.
 */
@FunctionalInterface
public interface MessageFilter {

    /** Matches every message. */
    MessageFilter ALL = tagsCode -> true;

    /** Whether the message with this tag code may match. */
    boolean isMatchedByTagsCode(long tagsCode);

    /**
     * Whether the message whose commit-log record {@code record} holds (at position 0, read-only) matches; asked
     * only of entries whose tag code matched. Tag filters match every record.
     */
    default boolean isMatchedByCommitLog(ByteBuffer record) {
        return true;
    }
}
