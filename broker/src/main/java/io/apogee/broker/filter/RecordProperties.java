package io.apogee.broker.filter;

import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.SysFlag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The properties string of a stored record, read with absolute gets from its fixed fields and lengths, without
 * decoding the rest of the record or copying its body.
 */
final class RecordProperties {

    /** From BORNHOST's end to BODYLENGTH: STORETIMESTAMP; and from STOREHOST's end: RECONSUMETIMES, PREPARED offset. */
    private static final int STORE_TIMESTAMP_LENGTH = 8;
    private static final int AFTER_STORE_HOST = 4 + 8;

    private RecordProperties() {
    }

    /**
     * The properties of the record at position 0 of {@code record}, or {@code null} when its lengths do not fit its
     * size (a damaged record: it matches no filter).
     */
    static String of(ByteBuffer record) {
        int size = record.limit();
        int sysFlag = record.getInt(StoredMessageCodec.SYSFLAG_POSITION);
        int bodyLengthAt = StoredMessageCodec.BORN_HOST_POSITION + SysFlag.bornHostLength(sysFlag)
                + STORE_TIMESTAMP_LENGTH + SysFlag.storeHostLength(sysFlag) + AFTER_STORE_HOST;
        if (bodyLengthAt + 4 > size) {
            return null;
        }
        long topicLengthAt = (long) bodyLengthAt + 4 + record.getInt(bodyLengthAt);
        if (topicLengthAt < bodyLengthAt + 4 || topicLengthAt + 1 > size) {
            return null;
        }
        int propertiesLengthAt = (int) topicLengthAt + 1 + record.get((int) topicLengthAt);
        if (propertiesLengthAt + 2 > size) {
            return null;
        }
        int length = record.getShort(propertiesLengthAt);
        int from = propertiesLengthAt + 2;
        if (length < 0 || from + length > size) {
            return null;
        }
        byte[] bytes = new byte[length];
        record.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
