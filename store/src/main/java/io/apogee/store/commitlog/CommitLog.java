package io.apogee.store.commitlog;

import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.message.StoredMessage;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.SysFlag;
import io.apogee.common.message.TopicQueue;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import io.apogee.store.file.MappedFile;
import io.apogee.store.file.MappedFileQueue;
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
 * <p>Appends encode their records before taking the append lock; under the lock they only stamp store time,
 * physical and queue offsets into the encoded bytes and copy them into the mapped file. The lock also owns the table of next queue offsets, so queue offsets are assigned in commit-log order.
 */
public final class CommitLog {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);

    private final MappedFileQueue files;
    private final int maxBodySize;
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Staging buffers above this size are not kept by their thread. */
    private static final int MAX_RETAINED_STAGING = 8 * 1024 * 1024;
    private final ThreadLocal<ByteBuffer> staging = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));
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
     * Appends messages of one topic and queue as consecutive records in the same file, with consecutive queue offsets.
     * The records are encoded outside the lock into this thread's staging buffer; under the lock only queue offset,
     * physical offset and store time are patched in and the bytes copied into the mapped file. Fills in body CRC,
     * store timestamp, commit-log offset, queue offset and store size on each message.
     *
     * @return PUT_OK (appended, not yet flushed) or why nothing was appended
     */
    public PutMessageResult appendBatch(List<StoredMessage> messages) {
        StoredMessage head = messages.get(0);
        byte[] topic = head.getTopic().getBytes(StandardCharsets.UTF_8);
        if (topic.length == 0 || topic.length > StoredMessageCodec.MAX_TOPIC_LENGTH) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL);
        }
        byte[][] properties = new byte[messages.size()][];
        int total = 0;
        for (int i = 0; i < properties.length; i++) {
            StoredMessage m = messages.get(i);
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
        ByteBuffer staged = staging(total);
        int position = 0;
        for (int i = 0; i < properties.length; i++) {
            StoredMessage m = messages.get(i);
            m.setBodyCrc(m.getBody() == null ? 0 : StoredMessageCodec.bodyCrc(m.getBody()));
            int size = StoredMessageCodec.encode(staged, position, m, topic, properties[i]);
            m.setStoreSize(size);
            position += size;
        }
        TopicQueue queue = new TopicQueue(head.getTopic(), head.getQueueId());
        PutMessageResult r = appendLocked(staged, messages, total, queue);
        return r.isOk() ? stamped(messages, r) : r;
    }

    /** This thread's staging buffer if it holds {@code size} bytes, else a bigger one (kept while not too big). */
    private ByteBuffer staging(int size) {
        ByteBuffer buf = staging.get();
        if (buf.capacity() >= size) {
            return buf;
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(size, buf.capacity() * 2));
        if (bigger.capacity() <= MAX_RETAINED_STAGING) {
            staging.set(bigger);
        }
        return bigger;
    }

    private static boolean queued(StoredMessage m) {
        int type = SysFlag.transactionType(m.getSysFlag());
        return type != SysFlag.TRANSACTION_PREPARED_TYPE && type != SysFlag.TRANSACTION_ROLLBACK_TYPE;
    }

    private PutMessageResult appendLocked(ByteBuffer staged, List<StoredMessage> messages, int total,
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
            int at = 0;
            for (StoredMessage m : messages) {
                staged.putLong(at + StoredMessageCodec.QUEUE_OFFSET_POSITION, queued(m) ? queueOffset++ : 0);
                staged.putLong(at + StoredMessageCodec.PHYSICAL_OFFSET_POSITION, firstOffset + at);
                staged.putLong(at + StoredMessageCodec.storeTimestampPosition(m.getSysFlag()), storeTimestamp);
                at += m.getStoreSize();
            }
            file.buffer().put(position, staged, 0, total);
            file.setWrotePosition(position + total);
            queueOffsets.put(queueKey, queueOffset);
            return new PutMessageResult(PutMessageStatus.PUT_OK, firstOffset, total, null, storeTimestamp,
                    firstQueueOffset, messages.size());
        } catch (IOException e) {
            LOG.error("cannot create a commit-log file in {}", files.dir(), e);
            return PutMessageResult.failed(PutMessageStatus.CREATE_MAPPED_FILE_FAILED);
        } finally {
            appendLock.unlock();
        }
    }

    /** Sets what the append decided on each message and returns the result with the offset message id(s). */
    private static PutMessageResult stamped(List<StoredMessage> messages, PutMessageResult r) {
        long offset = r.wroteOffset();
        long queueOffset = r.queueOffset();
        StringBuilder ids = new StringBuilder(messages.size() * 33);
        for (StoredMessage m : messages) {
            m.setStoreTimestamp(r.storeTimestamp());
            m.setCommitLogOffset(offset);
            m.setQueueOffset(queued(m) ? queueOffset++ : 0);
            if (ids.length() > 0) {
                ids.append(',');
            }
            ids.append(OffsetMessageId.encode(m.getStoreHost(), offset));
            offset += m.getStoreSize();
        }
        return new PutMessageResult(r.status(), r.wroteOffset(), r.wroteBytes(), ids.toString(), r.storeTimestamp(),
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
        file.buffer().putInt(position + 4, StoredMessageCodec.BLANK_MAGIC);
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
        if (head == null || head.getInt(4) != StoredMessageCodec.MESSAGE_MAGIC) {
            return null;
        }
        return slice(offset, head.getInt(0));
    }

    /** The decoded message at {@code offset}, or {@code null}. */
    public StoredMessage lookMessage(long offset) {
        ByteBuffer record = recordAt(offset);
        return record == null ? null : StoredMessageCodec.decode(record, true);
    }

    /** Store timestamp of the record at {@code offset}, or -1. */
    public long storeTimestampAt(long offset) {
        ByteBuffer head = slice(offset, StoredMessageCodec.BORN_HOST_POSITION);
        if (head == null) {
            return -1;
        }
        ByteBuffer ts = slice(offset + StoredMessageCodec.storeTimestampPosition(head.getInt(36)), 8);
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
