package io.apogee.store;

/**
 * Decides from a consume-queue entry's tag code whether a message may match a subscription. The exact tag check is
 * the consumer's job; this only skips what certainly does not match.
 */
@FunctionalInterface
public interface MessageFilter {

    /** Matches every message. */
    MessageFilter ALL = tagsCode -> true;

    /** Whether the message with this tag code may match. */
    boolean isMatchedByTagsCode(long tagsCode);
}
