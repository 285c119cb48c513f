package io.apogee.store;

/**
 * Outcome of a single or batch append.
 *
 * @param status         what happened
 * @param wroteOffset    commit-log offset of the first record, -1 when nothing was appended
 * @param wroteBytes     bytes appended
 * @param msgId          offset message id(s); comma-separated for a batch; {@code null} when nothing was appended
 * @param storeTimestamp store time stamped on the record(s)
 * @param queueOffset    consume-queue offset of the first record
 * @param msgNum         number of records appended
 */
public record PutMessageResult(PutMessageStatus status, long wroteOffset, int wroteBytes, String msgId,
        long storeTimestamp, long queueOffset, int msgNum) {

    /** A result for an append that did not happen. */
    public static PutMessageResult failed(PutMessageStatus status) {
        return new PutMessageResult(status, -1, 0, null, 0, 0, 0);
    }

    /** The same append with another status (used when the flush or replication wait ends). */
    public PutMessageResult withStatus(PutMessageStatus newStatus) {
        return new PutMessageResult(newStatus, wroteOffset, wroteBytes, msgId, storeTimestamp, queueOffset, msgNum);
    }

    /** Whether the append succeeded with the asked durability. */
    public boolean isOk() {
        return status == PutMessageStatus.PUT_OK;
    }
}
