package io.apogee.store.queue;

import io.apogee.store.ConsumeQueueEntry;
import io.apogee.store.file.MappedFile;
import io.apogee.store.file.MappedFileQueue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic queue's index into the commit log: 20-byte entries (commit-log offset int64, size int32, tag code int64)
 * at byte position {@code logicalOffset * 20} of the queue's files.
 *
 * <p>Only the dispatch thread writes (and recovery before it starts); readers see entries up to the published write
 * position. A zero-size entry is a hole (never a message).
 */
public final class ConsumeQueue {

    /** Bytes per entry. */
    public static final int UNIT_SIZE = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueue.class);

    private final String topic;
    private final int queueId;
    private final MappedFileQueue files;
    /** Byte position of the first entry still usable. */
    private volatile long minLogicPosition;
    /** Commit-log end of the newest entry: dispatch skips records before it. */
    private volatile long maxPhysicOffset;

    public ConsumeQueue(String topic, int queueId, MappedFileQueue files) {
        this.topic = topic;
        this.queueId = queueId;
        this.files = files;
    }

    public String topic() {
        return topic;
    }

    public int queueId() {
        return queueId;
    }

    MappedFileQueue files() {
        return files;
    }

    /**
     * Maps the queue's files and finds its end: the first hole in the newest file, then drops entries that point at
     * or past {@code commitLogEnd} (they were built from a commit-log tail that did not survive). Reads only the
     * newest file's entries (and the dropped ones); what lies past the end is cut without being read.
     *
     * @param commitLogMin  oldest commit-log offset still held; earlier entries are below the queue's min offset
     * @param unflushedFrom commit-log offset from which entries may be in the page cache only (the checkpoint): they
     *                      are flushed again by the next flush
     */
    public void recover(long commitLogMin, long commitLogEnd, long unflushedFrom) throws IOException {
        files.load();
        MappedFile last = files.last();
        if (last == null) {
            return;
        }
        ByteBuffer buf = last.buffer();
        int hole = 0;
        while (hole < last.fileSize() && buf.getInt(hole + 8) > 0) {
            hole += UNIT_SIZE;
        }
        long end = last.fromOffset() + hole;
        long physicEnd = 0;
        for (; end > files.minOffset(); end -= UNIT_SIZE) {
            MappedFile f = files.find(end - UNIT_SIZE);
            int at = (int) (end - UNIT_SIZE - f.fromOffset());
            physicEnd = f.buffer().getLong(at) + f.buffer().getInt(at + 8);
            if (physicEnd <= commitLogEnd) {
                break;
            }
        }
        files.truncate(end);
        MappedFile endFile = files.writableFile(end);
        endFile.cutAt(endFile.wrotePosition());
        maxPhysicOffset = end > files.minOffset() ? physicEnd : 0;
        correctMinOffset(commitLogMin);
        markUnflushed(end, unflushedFrom);
    }

    /** Walks back from {@code end} over the entries of records at or past {@code unflushedFrom}: the tail only. */
    private void markUnflushed(long end, long unflushedFrom) {
        long from = end;
        while (from > files.minOffset()) {
            MappedFile f = files.find(from - UNIT_SIZE);
            if (f.buffer().getLong((int) (from - UNIT_SIZE - f.fromOffset())) < unflushedFrom) {
                break;
            }
            from -= UNIT_SIZE;
        }
        files.setFlushedWhere(from);
    }

    /**
     * Writes the entry for logical offset {@code queueOffset}; an entry already present is skipped, a gap before it
     * is left as holes (logged).
     */
    public void putEntry(long commitLogOffset, int size, long tagsCode, long queueOffset) throws IOException {
        if (commitLogOffset + size <= maxPhysicOffset) {
            return;
        }
        long position = queueOffset * UNIT_SIZE;
        boolean empty = files.isEmpty();
        MappedFile file = files.writableFile(position);
        long writePosition = file.fromOffset() + file.wrotePosition();
        if (empty) {
            minLogicPosition = position;
        } else if (position < writePosition) {
            return;
        } else if (position > writePosition) {
            LOG.warn("consume queue {}-{} gap: expected offset {}, got {}", topic, queueId,
                    writePosition / UNIT_SIZE, queueOffset);
            while (file.fromOffset() + file.fileSize() <= position) {
                file.setWrotePosition(file.fileSize());
                file = files.writableFile(position);
            }
        }
        int at = (int) (position - file.fromOffset());
        ByteBuffer buf = file.buffer();
        buf.putLong(at, commitLogOffset);
        buf.putInt(at + 8, size);
        buf.putLong(at + 12, tagsCode);
        file.setWrotePosition(at + UNIT_SIZE);
        maxPhysicOffset = commitLogOffset + size;
    }

    /** Logical offset of the first usable entry. */
    public long minOffset() {
        return minLogicPosition / UNIT_SIZE;
    }

    /** Logical offset after the last entry (the next one to be dispatched). */
    public long maxOffset() {
        return files.maxOffset() / UNIT_SIZE;
    }

    /** Commit-log end of the newest entry. */
    public long maxPhysicOffset() {
        return maxPhysicOffset;
    }

    /**
     * The entries from logical offset {@code offset} to the end of the file holding it (or of what is written), as
     * a read-only slice, or {@code null} when the offset is not held.
     */
    public ByteBuffer entriesFrom(long offset) {
        long position = offset * UNIT_SIZE;
        MappedFile f = files.find(position);
        if (f == null) {
            return null;
        }
        int at = (int) (position - f.fromOffset());
        int end = f.wrotePosition();
        return at < end ? f.slice(at, end - at) : null;
    }

    /** Up to {@code count} entries from logical offset {@code offset} on, fewer at the end (none when not held). */
    public List<ConsumeQueueEntry> entries(long offset, int count) {
        List<ConsumeQueueEntry> out = new ArrayList<>();
        long next = offset;
        ByteBuffer e;
        while (out.size() < count && next >= minOffset() && (e = entriesFrom(next)) != null
                && e.remaining() >= UNIT_SIZE) {
            for (int at = 0; at + UNIT_SIZE <= e.remaining() && out.size() < count; at += UNIT_SIZE) {
                out.add(new ConsumeQueueEntry(e.getLong(at), e.getInt(at + 8), e.getLong(at + 12)));
                next++;
            }
        }
        return out;
    }

    /** The commit-log offset held by the entry at {@code offset}, or -1. */
    long commitLogOffsetAt(long offset) {
        ByteBuffer e = entriesFrom(offset);
        return e == null ? -1 : e.getLong(0);
    }

    /**
     * The logical offset whose message store time is closest to {@code timestamp} (binary search: store times grow
     * with commit-log order), 0 when the queue is empty.
     *
     * @param storeTimeAt store time of the record at a commit-log offset, or -1 when it is gone
     */
    public long offsetByTime(long timestamp, LongUnaryOperator storeTimeAt) {
        long low = minOffset();
        long high = maxOffset() - 1;
        if (high < low) {
            return 0;
        }
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (storeTimeAt.applyAsLong(commitLogOffsetAt(mid)) < timestamp) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        long atLow = storeTimeAt.applyAsLong(commitLogOffsetAt(low));
        if (atLow <= timestamp || low == minOffset()) {
            return low;
        }
        long before = storeTimeAt.applyAsLong(commitLogOffsetAt(low - 1));
        return timestamp - before <= atLow - timestamp ? low - 1 : low;
    }

    /**
     * Deletes files whose every entry points below {@code commitLogMin} (the newest file is kept) and moves the min
     * offset past such entries.
     *
     * @return number of files deleted
     */
    public int deleteBelow(long commitLogMin) {
        List<MappedFile> all = files.files();
        List<MappedFile> victims = new ArrayList<>();
        for (int i = 0; i < all.size() - 1; i++) {
            MappedFile f = all.get(i);
            int lastEntry = f.wrotePosition() - UNIT_SIZE;
            if (lastEntry < 0 || f.buffer().getLong(lastEntry) + f.buffer().getInt(lastEntry + 8) > commitLogMin) {
                break;
            }
            victims.add(f);
        }
        files.deleteFirst(victims);
        correctMinOffset(commitLogMin);
        return victims.size();
    }

    private void correctMinOffset(long commitLogMin) {
        MappedFile first = files.first();
        if (first == null) {
            return;
        }
        long min = Math.max(minLogicPosition, first.fromOffset());
        ByteBuffer buf = first.buffer();
        for (int at = (int) (min - first.fromOffset()); at < first.wrotePosition(); at += UNIT_SIZE) {
            if (buf.getInt(at + 8) > 0 && buf.getLong(at) >= commitLogMin) {
                break;
            }
            min += UNIT_SIZE;
        }
        minLogicPosition = min;
    }

    /** Flushes; {@code leastPages} as for the commit log. */
    public void flush(int leastPages) {
        files.flush(leastPages);
    }

    public void close() {
        files.close();
    }

    /** Deletes every file of this queue. */
    public void destroy() throws IOException {
        files.destroy();
    }
}
