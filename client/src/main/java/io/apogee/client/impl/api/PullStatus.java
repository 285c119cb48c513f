package io.apogee.client.impl.api;

/** What a pull found, from the broker's response code. */
public enum PullStatus {
    /** Messages were returned. */
    FOUND,
    /** Nothing new at the requested offset. */
    NO_NEW_MSG,
    /** Entries were scanned but none matched the filter; continue from {@code nextBeginOffset}. */
    NO_MATCHED_MSG,
    /** The requested offset is out of range; {@code nextBeginOffset} is the corrected one. */
    OFFSET_ILLEGAL
}
