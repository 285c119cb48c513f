package io.apogee.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Outcome of a key query.
 *
 * @param messages                  matching records as read-only slices of the commit log, newest first
 * @param indexLastUpdateTimestamp  store time of the newest index entry
 * @param indexLastUpdatePhyOffset  commit-log offset of the newest index entry
 */
public record QueryMessageResult(List<ByteBuffer> messages, long indexLastUpdateTimestamp,
        long indexLastUpdatePhyOffset) {
}
