package io.apogee.store.commitlog;

import io.apogee.common.message.SysFlag;

/**
 * What a scan of the commit log found at one position: a message record (with the fields the consume queue and the
 * index need), the BLANK end-of-file filler, the end of written data, or bytes that are no valid record.
 *
 * @param kind                      what was found
 * @param size                      bytes the record occupies (BLANK: the rest of the file; otherwise 0 unless MESSAGE)
 * @param topic                     message topic
 * @param queueId                   queue id
 * @param commitLogOffset           physical offset of the record
 * @param queueOffset               consume-queue offset stamped at append
 * @param tagsCode                  consume-queue tag code
 * @param storeTimestamp            store time
 * @param sysFlag                   the record's sysFlag
 * @param preparedTransactionOffset commit-log offset of the half message, or 0
 * @param keys                      the KEYS property, or {@code null}
 * @param uniqKey                   the UNIQ_KEY property, or {@code null}
 */
public record DispatchRequest(Kind kind, int size, String topic, int queueId, long commitLogOffset, long queueOffset,
        long tagsCode, long storeTimestamp, int sysFlag, long preparedTransactionOffset, String keys,
        String uniqKey) {

    /** What a position holds. */
    public enum Kind {
        MESSAGE, BLANK, END, CORRUPT
    }

    static final DispatchRequest END = new DispatchRequest(Kind.END, 0, null, 0, 0, 0, 0, 0, 0, 0, null, null);
    static final DispatchRequest CORRUPT = new DispatchRequest(Kind.CORRUPT, 0, null, 0, 0, 0, 0, 0, 0, 0, null,
            null);

    static DispatchRequest blank(int size) {
        return new DispatchRequest(Kind.BLANK, size, null, 0, 0, 0, 0, 0, 0, 0, null, null);
    }

    /** Whether this record belongs in a consume queue: prepared and rolled-back transaction records do not. */
    public boolean isConsumable() {
        int type = SysFlag.transactionType(sysFlag);
        return kind == Kind.MESSAGE && type != SysFlag.TRANSACTION_PREPARED_TYPE
                && type != SysFlag.TRANSACTION_ROLLBACK_TYPE;
    }
}
