package io.apogee.store.queue;

import io.apogee.store.GetMessageResult;
import io.apogee.store.GetMessageStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.commitlog.CommitLog;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serves reads of one consume queue: checks the offset against the queue's bounds (statuses and next offsets as in
 * message-format.md §10), then walks entries, filters by tag code (then by the stored message, for property filters)
 * and collects commit-log slices until the batch is full.
 */
public final class QueueReader {

    private final ConsumeQueueTable queues;
    private final CommitLog commitLog;
    /** The settings in force: the read batch sizes are read per read. */
    private final Supplier<MessageStoreConfig> config;
    private final int entriesPerFile;
    /** Commit-log bytes assumed to be in the page cache. */
    private final long memoryBytes;

    public QueueReader(ConsumeQueueTable queues, CommitLog commitLog, Supplier<MessageStoreConfig> config) {
        this.queues = queues;
        this.commitLog = commitLog;
        this.config = config;
        MessageStoreConfig start = config.get();
        this.entriesPerFile = start.getMappedFileSizeConsumeQueue() / ConsumeQueue.UNIT_SIZE;
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        this.memoryBytes = total * start.getAccessMessageInMemoryMaxRatio() / 100;
    }

    /** Reads up to {@code maxMsgNums} messages of {@code topic}/{@code queueId} from logical {@code offset}. */
    public GetMessageResult read(String topic, int queueId, long offset, int maxMsgNums, MessageFilter filter) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            return empty(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        long min = cq.minOffset();
        long max = cq.maxOffset();
        if (max == 0) {
            return empty(GetMessageStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
        }
        if (offset < min) {
            return empty(GetMessageStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return empty(GetMessageStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return empty(GetMessageStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
        }
        ByteBuffer entries = cq.entriesFrom(offset);
        if (entries == null) {
            return empty(GetMessageStatus.OFFSET_FOUND_NULL, offset + entriesPerFile - offset % entriesPerFile, min,
                    max);
        }
        return collect(entries, offset, maxMsgNums, filter, min, max);
    }

    private GetMessageResult collect(ByteBuffer entries, long offset, int maxMsgNums, MessageFilter filter, long min,
            long max) {
        boolean inDisk = commitLog.maxOffset() - entries.getLong(0) > memoryBytes;
        MessageStoreConfig now = config.get();
        int maxBytes = inDisk ? now.getMaxTransferBytesOnMessageInDisk() : now.getMaxTransferBytesOnMessageInMemory();
        int maxCount = Math.min(maxMsgNums, inDisk ? now.getMaxTransferCountOnMessageInDisk()
                : now.getMaxTransferCountOnMessageInMemory());
        int scanLimit = Math.min(entries.remaining(), Math.max(16_000, maxMsgNums * ConsumeQueue.UNIT_SIZE));
        List<ByteBuffer> found = new ArrayList<>();
        int bytes = 0;
        boolean removing = false;
        int at = 0;
        for (; at + ConsumeQueue.UNIT_SIZE <= scanLimit; at += ConsumeQueue.UNIT_SIZE) {
            int size = entries.getInt(at + 8);
            if (found.size() >= maxCount || (!found.isEmpty() && bytes + size > maxBytes)) {
                break;
            }
            if (size <= 0 || !filter.isMatchedByTagsCode(entries.getLong(at + 12))) {
                continue;
            }
            ByteBuffer record = commitLog.slice(entries.getLong(at), size);
            if (record == null) {
                removing = true;
                continue;
            }
            if (!filter.isMatchedByCommitLog(record)) {
                continue;
            }
            found.add(record);
            bytes += size;
        }
        GetMessageStatus status = !found.isEmpty() ? GetMessageStatus.FOUND
                : removing ? GetMessageStatus.MESSAGE_WAS_REMOVING : GetMessageStatus.NO_MATCHED_MESSAGE;
        return new GetMessageResult(status, found, offset + at / ConsumeQueue.UNIT_SIZE, min, max, inDisk);
    }

    private static GetMessageResult empty(GetMessageStatus status, long next, long min, long max) {
        return new GetMessageResult(status, List.of(), next, min, max, false);
    }
}
