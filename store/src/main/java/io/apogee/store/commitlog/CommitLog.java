package io.apogee.store.commitlog;

import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.SysFlag;
import io.apogee.common.message.TopicQueue;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.file.MappedFile;
import io.apogee.store.file.MappedFileQueue;
import io.apogee.store.file.NoSpaceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit log: every message of every topic appended in the stored encoding to one sequence of mapped files.
 *
 * <p>Appends do everything that does not depend on where the records go before taking the append lock: checks,
 * sizes, body CRCs, the UTF-8 of topic and properties. Under the lock they claim the space, decide store time,
 * physical and queue offsets, and encode each record in place in the mapped file, so a body is copied once, from
 * the message into the file. The lock also owns the table of next queue offsets, so queue offsets are assigned in
 * commit-log order. Readers see a record only once the file's wrote position has moved past it, after it is whole.
 */
public final class CommitLog {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);

    private final MappedFileQueue files;
    private final int maxBodySize;
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Next queue offset per queue; guarded by {@link #appendLock}. */
    private final Map<TopicQueue, Long> queueOffsets = new HashMap<>();

    /**
     * @param files       the commit-log files
     * @param maxBodySize largest body accepted, in bytes ({@code maxMessageSize}); topic and properties are bounded
     *                    by their length fields
     */
    public CommitLog(MappedFileQueue files, int maxBodySize) {
        this.files = files;
        this.maxBodySize = maxBodySize;
    }

    public MappedFileQueue files() {
        return files;
    }

    /**
     * Appends messages of one topic and queue as consecutive records in the same file, with consecutive queue offsets,
     * each encoded straight into the mapped file (see the class comment). Fills in body CRC, store timestamp,
     * commit-log offset, queue offset and store size on each message.
     *
     * @return PUT_OK (appended, not yet flushed) or why nothing was appended: DISK_FULL when the next file has no
     *         room on its disk
     */
    public PutMessageResult appendBatch(List<MessageExt> messages) {
        MessageExt head = messages.get(0);
        byte[] topic = head.getTopic().getBytes(StandardCharsets.UTF_8);
        if (topic.length == 0 || topic.length > StoredMessageCodec.MAX_TOPIC_LENGTH) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL);
        }
        byte[][] properties = new byte[messages.size()][];
        int total = 0;
        for (int i = 0; i < properties.length; i++) {
            MessageExt m = messages.get(i);
            properties[i] = m.getPropertiesString().getBytes(StandardCharsets.UTF_8);
            if (properties[i].length > StoredMessageCodec.MAX_PROPERTIES_LENGTH) {
                return PutMessageResult.failed(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED);
            }
            int bodyLength = m.getBody() == null ? 0 : m.getBody().length;
            if (bodyLength > maxBodySize) {
                return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL);
            }
            total += StoredMessageCodec.storeSize(m.getSysFlag(), bodyLength, topic.length, properties[i].length);
        }
        if (total + StoredMessageCodec.BLANK_HEADER_LENGTH > files.fileSize()) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL);
        }
        for (int i = 0; i < properties.length; i++) {
            MessageExt m = messages.get(i);
            m.setBodyCRC(m.getBody() == null ? 0 : StoredMessageCodec.bodyCrc(m.getBody()));
            m.setStoreSize(StoredMessageCodec.storeSize(m.getSysFlag(), m.getBody() == null ? 0 : m.getBody().length,
                    topic.length, properties[i].length));
        }
        TopicQueue queue = new TopicQueue(head.getTopic(), head.getQueueId());
        PutMessageResult r = appendLocked(messages, topic, properties, total, queue);
        return r.isOk() ? withMessageIds(messages, r) : r;
    }

    private static boolean queued(MessageExt m) {
        int type = SysFlag.transactionType(m.getSysFlag());
        return type != SysFlag.TRANSACTION_PREPARED_TYPE && type != SysFlag.TRANSACTION_ROLLBACK_TYPE;
    }

    /** Claims {@code total} bytes, stamps each message with its offsets and store time and encodes it there. */
    private PutMessageResult appendLocked(List<MessageExt> messages, byte[] topic, byte[][] properties, int total,
            TopicQueue queueKey) {
        appendLock.lock();
        try {
            MappedFile file = fileWithRoom(total);
            long storeTimestamp = System.currentTimeMillis();
            int position = file.wrotePosition();
            long firstOffset = file.fromOffset() + position;
            Long next = queueOffsets.get(queueKey);
            long queueOffset = next == null ? 0 : next;
            long firstQueueOffset = queueOffset;
            ByteBuffer dst = file.buffer();
            int at = 0;
            for (int i = 0; i < properties.length; i++) {
                MessageExt m = messages.get(i);
                m.setStoreTimestamp(storeTimestamp);
                m.setCommitLogOffset(firstOffset + at);
                m.setQueueOffset(queued(m) ? queueOffset++ : 0);
                at += StoredMessageCodec.encode(dst, position + at, m, topic, properties[i]);
            }
            file.setWrotePosition(position + total);
            queueOffsets.put(queueKey, queueOffset);
            return new PutMessageResult(PutMessageStatus.PUT_OK, firstOffset, total, null, storeTimestamp,
                    firstQueueOffset, messages.size());
        } catch (NoSpaceException e) {
            // logged once by whoever found no room (the preallocation service), not once per refused append
            return PutMessageResult.failed(PutMessageStatus.DISK_FULL);
        } catch (IOException e) {
            LOG.error("cannot create a commit-log file in {}", files.dir(), e);
            return PutMessageResult.failed(PutMessageStatus.CREATE_MAPPED_FILE_FAILED);
        } finally {
            appendLock.unlock();
        }
    }

    /** The result with the offset message id of each appended message, comma-separated. */
    private static PutMessageResult withMessageIds(List<MessageExt> messages, PutMessageResult r) {
        String ids;
        if (messages.size() == 1) {
            ids = messages.get(0).getOffsetMsgId();
        } else {
            StringBuilder joined = new StringBuilder(messages.size() * 33);
            for (int i = 0; i < messages.size(); i++) {
                if (i > 0) {
                    joined.append(',');
                }
                joined.append(messages.get(i).getOffsetMsgId());
            }
            ids = joined.toString();
        }
        return new PutMessageResult(r.status(), r.wroteOffset(), r.wroteBytes(), ids, r.storeTimestamp(),
                r.queueOffset(), r.msgNum());
    }

    /** The file to write {@code size} bytes to, closing the current one with a BLANK record when they do not fit. */
    private MappedFile fileWithRoom(int size) throws IOException {
        MappedFile file = files.writableFile(0);
        int position = file.wrotePosition();
        int room = file.fileSize() - position;
        if (size + StoredMessageCodec.BLANK_HEADER_LENGTH <= room) {
            return file;
        }
        file.buffer().putInt(position, room);
        file.buffer().putInt(position + StoredMessageCodec.MAGIC_POSITION, StoredMessageCodec.BLANK_MAGIC);
        file.setWrotePosition(file.fileSize());
        return files.writableFile(0);
    }

    /**
     * A read-only slice of {@code size} bytes at {@code offset}, or {@code null} when those bytes are not (or no
     * longer) in the log.
     */
    public ByteBuffer slice(long offset, int size) {
        MappedFile f = files.find(offset);
        if (f == null || size <= 0) {
            return null;
        }
        int position = (int) (offset - f.fromOffset());
        return position + size <= f.wrotePosition() ? f.slice(position, size) : null;
    }

    /** The record at {@code offset} as a slice, or {@code null} when there is no record there. */
    public ByteBuffer recordAt(long offset) {
        ByteBuffer head = slice(offset, StoredMessageCodec.BLANK_HEADER_LENGTH);
        if (head == null || head.getInt(StoredMessageCodec.MAGIC_POSITION) != StoredMessageCodec.MESSAGE_MAGIC) {
            return null;
        }
        return slice(offset, head.getInt(StoredMessageCodec.TOTAL_SIZE_POSITION));
    }

    /** The decoded message at {@code offset}, or {@code null}. */
    public MessageExt lookMessage(long offset) {
        ByteBuffer record = recordAt(offset);
        return record == null ? null : StoredMessageCodec.decode(record, true);
    }

    /** Store timestamp of the record at {@code offset}, or -1. */
    public long storeTimestampAt(long offset) {
        ByteBuffer head = slice(offset, StoredMessageCodec.BORN_HOST_POSITION);
        if (head == null) {
            return -1;
        }
        ByteBuffer ts = slice(offset + StoredMessageCodec.storeTimestampPosition(
                head.getInt(StoredMessageCodec.SYSFLAG_POSITION)), 8);
        return ts == null ? -1 : ts.getLong(0);
    }

    /** Raw bytes from {@code offset} to at most the end of its file or {@code maxBytes}, for replication. */
    public ByteBuffer readRaw(long offset, int maxBytes) {
        MappedFile f = files.find(offset);
        if (f == null) {
            return null;
        }
        int position = (int) (offset - f.fromOffset());
        int length = Math.min(maxBytes, f.wrotePosition() - position);
        return length > 0 ? f.slice(position, length) : null;
    }

    /**
     * Appends raw replicated bytes at {@code offset}, which must be the current end of the log, or, while the log has
     * no file yet, the start of a file (a new slave starts with the master's newest file); the data is split at file
     * boundaries as the master's files are.
     *
     * @return false when {@code offset} is not such a position or a file cannot be created
     */
    public boolean appendRaw(long offset, ByteBuffer data) {
        appendLock.lock();
        try {
            boolean fresh = files.isEmpty() && offset % files.fileSize() == 0;
            if (offset != maxOffset() && !fresh) {
                return false;
            }
            while (data.hasRemaining()) {
                MappedFile file = files.writableFile(offset);
                int position = file.wrotePosition();
                int n = Math.min(data.remaining(), file.fileSize() - position);
                file.buffer().put(position, data, data.position(), n);
                data.position(data.position() + n);
                file.setWrotePosition(position + n);
            }
            return true;
        } catch (NoSpaceException e) {
            LOG.debug("replicated bytes at {} refused: {}", offset, e.getMessage());
            return false;
        } catch (IOException e) {
            LOG.error("cannot create a commit-log file in {}", files.dir(), e);
            return false;
        } finally {
            appendLock.unlock();
        }
    }

    /** Store offset just past the last appended byte. */
    public long maxOffset() {
        return files.maxOffset();
    }

    /** Store offset of the oldest byte still held. */
    public long minOffset() {
        return files.minOffset();
    }

    /** Store offset up to which the log is on disk. */
    public long flushedOffset() {
        return files.flushedWhere();
    }

    /** Flushes; see {@link MappedFileQueue#flush}. */
    public long flush(int leastPages) {
        return files.flush(leastPages);
    }

    /** Replaces the next-queue-offset table (recovery). */
    public void resetQueueOffsets(Map<TopicQueue, Long> table) {
        appendLock.lock();
        try {
            queueOffsets.clear();
            queueOffsets.putAll(table);
        } finally {
            appendLock.unlock();
        }
    }

    /** Forgets the queue offsets of {@code topic} (topic deletion). */
    public void removeTopic(String topic) {
        appendLock.lock();
        try {
            queueOffsets.keySet().removeIf(k -> k.topic().equals(topic));
        } finally {
            appendLock.unlock();
        }
    }
}
