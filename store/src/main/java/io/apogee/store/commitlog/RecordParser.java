package io.apogee.store.commitlog;

import static io.apogee.common.message.StoredMessageCodec.BLANK_MAGIC;
import static io.apogee.common.message.StoredMessageCodec.MESSAGE_MAGIC;

import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.SysFlag;
import io.apogee.common.message.TagHash;
import io.apogee.common.topic.SystemTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Validates and parses one commit-log record in place, for dispatch and recovery. Every length is checked against
 * the record and the record's own PHYSICALOFFSET against its position, so stale or torn bytes are reported as
 * {@link DispatchRequest.Kind#CORRUPT}, never trusted.
 */
public final class RecordParser {

    private final long[] delayLevelMillis;

    /**
     * @param delayLevelMillis delay of each level (index 0 = level 1), for the tag codes of
     *                         {@link SystemTopics#SCHEDULE_TOPIC}, which are the delivery times
     */
    public RecordParser(long[] delayLevelMillis) {
        this.delayLevelMillis = delayLevelMillis.clone();
    }

    /**
     * Parses the record at {@code index} of a file's buffer (whose capacity is the file size). A record or BLANK
     * filler that is valid so far but not yet complete within {@code limit} (replicated data arrives in chunks) is
     * reported as {@link DispatchRequest.Kind#END}: nothing more to read yet.
     *
     * @param limit      end of the readable bytes of the file
     * @param fileFrom   store offset of the file's first byte
     * @param checkCrc   whether to verify the body CRC (recovery after a crash)
     */
    public DispatchRequest parse(ByteBuffer buf, int index, int limit, long fileFrom, boolean checkCrc) {
        if (limit - index < StoredMessageCodec.BLANK_HEADER_LENGTH) {
            return DispatchRequest.END;
        }
        int size = buf.getInt(index);
        int magic = buf.getInt(index + 4);
        if (size == 0 && magic == 0) {
            return DispatchRequest.END;
        }
        int fileRest = buf.capacity() - index;
        if (magic == BLANK_MAGIC) {
            if (size != fileRest) {
                return DispatchRequest.CORRUPT;
            }
            return limit == buf.capacity() ? DispatchRequest.blank(size) : DispatchRequest.END;
        }
        if (magic != MESSAGE_MAGIC || size < StoredMessageCodec.storeSize(0, 0, 0, 0) || size > fileRest) {
            return DispatchRequest.CORRUPT;
        }
        if (size > limit - index) {
            return DispatchRequest.END;
        }
        if (buf.getLong(index + StoredMessageCodec.PHYSICAL_OFFSET_POSITION) != fileFrom + index) {
            return DispatchRequest.CORRUPT;
        }
        return parseMessage(buf, index, size, checkCrc);
    }

    private DispatchRequest parseMessage(ByteBuffer buf, int index, int size, boolean checkCrc) {
        int sysFlag = buf.getInt(index + StoredMessageCodec.SYSFLAG_POSITION);
        int tsPos = index + StoredMessageCodec.storeTimestampPosition(sysFlag);
        long storeTimestamp = buf.getLong(tsPos);
        int p = tsPos + 8 + SysFlag.storeHostLength(sysFlag) + 4;
        long preparedOffset = buf.getLong(p);
        int bodyLength = buf.getInt(p + 8);
        int bodyPos = p + 12;
        int end = index + size;
        if (bodyLength < 0 || bodyPos + bodyLength + 3 > end) {
            return DispatchRequest.CORRUPT;
        }
        int topicPos = bodyPos + bodyLength;
        int topicLength = buf.get(topicPos);
        int propsPos = topicPos + 1 + topicLength;
        if (topicLength <= 0 || propsPos + 2 > end) {
            return DispatchRequest.CORRUPT;
        }
        int propsLength = buf.getShort(propsPos);
        if (propsLength < 0 || propsPos + 2 + propsLength != end) {
            return DispatchRequest.CORRUPT;
        }
        if (checkCrc && StoredMessageCodec.bodyCrc(buf, bodyPos, bodyLength)
                != buf.getInt(index + StoredMessageCodec.BODY_CRC_POSITION)) {
            return DispatchRequest.CORRUPT;
        }
        String topic = string(buf, topicPos + 1, topicLength);
        String props = string(buf, propsPos + 2, propsLength);
        return new DispatchRequest(DispatchRequest.Kind.MESSAGE, size, topic,
                buf.getInt(index + StoredMessageCodec.QUEUE_ID_POSITION),
                buf.getLong(index + StoredMessageCodec.PHYSICAL_OFFSET_POSITION),
                buf.getLong(index + StoredMessageCodec.QUEUE_OFFSET_POSITION),
                tagsCode(topic, props, storeTimestamp), storeTimestamp, sysFlag, preparedOffset,
                PropertiesCodec.find(props, MessageProperty.KEYS),
                PropertiesCodec.find(props, MessageProperty.UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
    }

    private long tagsCode(String topic, String props, long storeTimestamp) {
        if (SystemTopics.SCHEDULE_TOPIC.equals(topic)) {
            String level = PropertiesCodec.find(props, MessageProperty.DELAY_TIME_LEVEL);
            if (level != null) {
                try {
                    int l = Math.min(Math.max(Integer.parseInt(level), 1), delayLevelMillis.length);
                    return storeTimestamp + delayLevelMillis[l - 1];
                } catch (NumberFormatException e) {
                    return storeTimestamp;
                }
            }
        }
        return TagHash.of(PropertiesCodec.find(props, MessageProperty.TAGS));
    }

    private static String string(ByteBuffer buf, int index, int length) {
        byte[] bytes = new byte[length];
        buf.get(index, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
