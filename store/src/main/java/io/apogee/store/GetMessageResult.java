package io.apogee.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Outcome of a read from one consume queue.
 *
 * <p>The buffers are read-only slices over the mapped commit log, one per message, in the stored encoding that a
 * pull response carries; they stay valid while the file exists (retention only deletes files older than
 * {@code fileReservedTime}, so a reader holding a slice for seconds is safe).
 *
 * @param status            what happened
 * @param messages          the matched records
 * @param nextBeginOffset   where the next read of this queue should start
 * @param minOffset         the queue's min offset at read time
 * @param maxOffset         the queue's max offset (exclusive) at read time
 * @param suggestPullingFromSlave whether the data read is old enough to have left the page cache
 */
public record GetMessageResult(GetMessageStatus status, List<ByteBuffer> messages, long nextBeginOffset,
        long minOffset, long maxOffset, boolean suggestPullingFromSlave) {

    /** Total bytes of the matched records. */
    public int bufferTotalSize() {
        int total = 0;
        for (ByteBuffer b : messages) {
            total += b.remaining();
        }
        return total;
    }

    /** Number of matched records. */
    public int messageCount() {
        return messages.size();
    }
}
