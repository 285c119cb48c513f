package io.apogee.store.index;

import io.apogee.store.file.MappedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * One key-index file: a 40-byte header (begin/end store time, begin/end commit-log offset, used slots, entry count),
 * {@code slotNum} 4-byte hash slots holding the newest entry number of their chain, and {@code indexNum} 20-byte
 * entries (key hash, commit-log offset, seconds since the begin time, previous entry number of the chain). Entry 0 is
 * never used, so 0 means "none".
 */
final class IndexFile {

    private static final int HEADER_SIZE = 40;
    private static final int BEGIN_TIMESTAMP_POSITION = 0;
    private static final int END_TIMESTAMP_POSITION = 8;
    private static final int BEGIN_PHY_OFFSET_POSITION = 16;
    private static final int END_PHY_OFFSET_POSITION = 24;
    private static final int SLOT_COUNT_POSITION = 32;
    private static final int INDEX_COUNT_POSITION = 36;
    private static final int SLOT_SIZE = 4;
    private static final int ENTRY_SIZE = 20;
    /** Offsets inside an entry: key hash, commit-log offset, seconds since the begin time, previous entry number. */
    private static final int ENTRY_HASH = 0;
    private static final int ENTRY_PHY_OFFSET = 4;
    private static final int ENTRY_TIME_DIFF = 12;
    private static final int ENTRY_PREV = 16;

    private final MappedFile file;
    private final int slotNum;
    private final int indexNum;
    private final ByteBuffer buf;
    private long beginTimestamp;
    private long endTimestamp;
    private long beginPhyOffset;
    private long endPhyOffset;
    private int slotCount;
    private int indexCount;

    /** Maps (creating if needed) an index file and reads its header. */
    IndexFile(Path path, int slotNum, int indexNum) throws IOException {
        this.file = new MappedFile(path, 0, HEADER_SIZE + slotNum * SLOT_SIZE + indexNum * ENTRY_SIZE);
        this.slotNum = slotNum;
        this.indexNum = indexNum;
        this.buf = file.buffer();
        beginTimestamp = buf.getLong(BEGIN_TIMESTAMP_POSITION);
        endTimestamp = buf.getLong(END_TIMESTAMP_POSITION);
        beginPhyOffset = buf.getLong(BEGIN_PHY_OFFSET_POSITION);
        endPhyOffset = buf.getLong(END_PHY_OFFSET_POSITION);
        slotCount = buf.getInt(SLOT_COUNT_POSITION);
        indexCount = Math.max(1, buf.getInt(INDEX_COUNT_POSITION));
    }

    Path path() {
        return file.path();
    }

    synchronized long endPhyOffset() {
        return endPhyOffset;
    }

    synchronized long endTimestamp() {
        return endTimestamp;
    }

    private static int hash(String key) {
        int h = Math.abs(key.hashCode());
        return h < 0 ? 0 : h;
    }

    /** Adds an entry; false when the file is full. */
    synchronized boolean put(String key, long phyOffset, long storeTimestamp) {
        if (indexCount >= indexNum) {
            return false;
        }
        int keyHash = hash(key);
        int slotPos = HEADER_SIZE + (keyHash % slotNum) * SLOT_SIZE;
        int prev = buf.getInt(slotPos);
        if (prev <= 0 || prev >= indexCount) {
            prev = 0;
        }
        if (indexCount == 1) {
            beginTimestamp = storeTimestamp;
            beginPhyOffset = phyOffset;
        }
        long diff = Math.max(0, (storeTimestamp - beginTimestamp) / 1000);
        int entryPos = HEADER_SIZE + slotNum * SLOT_SIZE + indexCount * ENTRY_SIZE;
        buf.putInt(entryPos + ENTRY_HASH, keyHash);
        buf.putLong(entryPos + ENTRY_PHY_OFFSET, phyOffset);
        buf.putInt(entryPos + ENTRY_TIME_DIFF, (int) Math.min(Integer.MAX_VALUE, diff));
        buf.putInt(entryPos + ENTRY_PREV, prev);
        buf.putInt(slotPos, indexCount);
        if (prev == 0) {
            slotCount++;
        }
        indexCount++;
        endPhyOffset = phyOffset;
        endTimestamp = storeTimestamp;
        writeHeader();
        return true;
    }

    private void writeHeader() {
        buf.putLong(BEGIN_TIMESTAMP_POSITION, beginTimestamp);
        buf.putLong(END_TIMESTAMP_POSITION, endTimestamp);
        buf.putLong(BEGIN_PHY_OFFSET_POSITION, beginPhyOffset);
        buf.putLong(END_PHY_OFFSET_POSITION, endPhyOffset);
        buf.putInt(SLOT_COUNT_POSITION, slotCount);
        buf.putInt(INDEX_COUNT_POSITION, indexCount);
    }

    /**
     * Adds to {@code out} the commit-log offsets of entries for {@code key} stored within {@code [begin, end]}, newest
     * first, until {@code out} holds {@code maxNum}. Hash collisions are possible: callers check the records.
     */
    synchronized void select(List<Long> out, String key, int maxNum, long begin, long end) {
        if (endTimestamp < begin || beginTimestamp > end) {
            return;
        }
        int keyHash = hash(key);
        int next = buf.getInt(HEADER_SIZE + (keyHash % slotNum) * SLOT_SIZE);
        for (int steps = 0; next > 0 && next < indexCount && out.size() < maxNum && steps < indexNum; steps++) {
            int entryPos = HEADER_SIZE + slotNum * SLOT_SIZE + next * ENTRY_SIZE;
            long time = beginTimestamp + buf.getInt(entryPos + ENTRY_TIME_DIFF) * 1000L;
            if (buf.getInt(entryPos + ENTRY_HASH) == keyHash && time >= begin && time <= end) {
                out.add(buf.getLong(entryPos + ENTRY_PHY_OFFSET));
            }
            int prev = buf.getInt(entryPos + ENTRY_PREV);
            next = prev < next ? prev : 0;
        }
    }

    void flush() {
        file.forceAll();
    }

    void close() {
        file.close();
    }

    void destroy() {
        file.destroy();
    }
}
