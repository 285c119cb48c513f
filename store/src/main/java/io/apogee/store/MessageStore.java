package io.apogee.store;

import io.apogee.common.message.MessageExt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's view of the store: append, read by queue, look up by offset or key, and the hooks for long polling
 * and replication. Errors are statuses in the results, not exceptions.
 */
public interface MessageStore extends AutoCloseable {

    /** Recovers the files (see {@code StoreRecovery}) and starts the background services. */
    void start() throws IOException;

    /**
     * Stops the services, dispatches and flushes everything, writes the checkpoint and removes the abort marker.
     * Appends arriving from now on are refused; the caller stops its senders first, since an append already past
     * that check while closing may miss the final checkpoint, and the next start then cuts it off.
     */
    @Override
    void close();

    /**
     * Appends one message. The store fills in body CRC, store time, commit-log offset, queue offset and size.
     * Completes once appended (ASYNC_FLUSH, or the message's WAIT is false) or once flushed (SYNC_FLUSH), with
     * {@code FLUSH_DISK_TIMEOUT} after {@code syncFlushTimeout}; on a SYNC_MASTER (WAIT true) also only once a slave
     * confirmed the bytes, with {@code FLUSH_SLAVE_TIMEOUT} after {@code slaveTimeout} or {@code SLAVE_NOT_AVAILABLE}
     * at once (see {@link PutMessageStatus}). A SLAVE refuses with {@code SERVICE_NOT_AVAILABLE}.
     */
    CompletableFuture<PutMessageResult> putMessage(MessageExt message);

    /**
     * Appends messages of one topic and queue as consecutive records with consecutive queue offsets (a batch send);
     * durability as for {@link #putMessage}, decided by the first message's WAIT.
     */
    CompletableFuture<PutMessageResult> putMessages(List<MessageExt> messages);

    /**
     * Reads up to {@code maxMsgNums} messages from a queue starting at logical {@code offset}, skipping entries whose
     * tag code {@code filter} rejects.
     *
     * @param group the consumer group (for statistics and future per-group policies)
     */
    GetMessageResult getMessage(String group, String topic, int queueId, long offset, int maxMsgNums,
            MessageFilter filter);

    /**
     * Read your writes: waits (a bounded time) until every message whose append completed before this call has
     * reached its consume queue, so that a queue's max offset, and a read of it, cover every acknowledged send.
     * Readers answering clients call it before reading; it returns at once when dispatch is not behind. A SLAVE
     * acknowledges no sends and does not wait.
     *
     * @return whether dispatch caught up in time (when not, the reads may still miss the newest messages)
     */
    boolean awaitDispatched();

    /** Logical offset after the last dispatched entry of the queue; 0 when the queue does not exist. */
    long getMaxOffsetInQueue(String topic, int queueId);

    /** Logical offset of the first entry still held; 0 when the queue does not exist. */
    long getMinOffsetInQueue(String topic, int queueId);

    /** Logical offset whose message store time is closest to {@code timestamp}; 0 when the queue is empty. */
    long getOffsetInQueueByTime(String topic, int queueId, long timestamp);

    /** Store time of the queue's first message still held, -1 when none. */
    long getEarliestMessageTime(String topic, int queueId);

    /** Store time of the message at logical {@code offset} of the queue, -1 when none. */
    long getMessageStoreTimestamp(String topic, int queueId, long offset);

    /**
     * Up to {@code count} consume-queue entries of a queue from logical offset {@code index} on (QUERY_CONSUME_QUEUE),
     * empty when {@code index} is not held; empty {@link Optional} when the store has no such queue.
     */
    Optional<List<ConsumeQueueEntry>> readConsumeQueue(String topic, int queueId, long index, int count);

    /** The topics this store holds consume queues of. */
    Set<String> queuedTopics();

    /**
     * Deletes the expired commit-log files now, whatever the hour and disk use (DELETE_EXPIRED_COMMITLOG), then the
     * queue and index files below the new start.
     *
     * @return commit-log files deleted
     */
    int deleteExpiredFiles();

    /** The record at a commit-log offset (from an offset message id) as a read-only slice, or {@code null}. */
    ByteBuffer selectOneMessageByOffset(long commitLogOffset);

    /** The decoded message at a commit-log offset, or {@code null}. */
    MessageExt lookMessageByOffset(long commitLogOffset);

    /**
     * Messages of {@code topic} indexed under {@code key} (a KEYS entry or the UNIQ_KEY) stored within
     * {@code [begin, end]}, newest first, at most {@code maxNum}.
     */
    QueryMessageResult queryMessage(String topic, String key, int maxNum, long begin, long end);

    /** Deletes the consume queues of {@code topics} and forgets their queue offsets. */
    void deleteTopics(Set<String> topics);

    /** Oldest commit-log offset held. */
    long getMinPhyOffset();

    /** Commit-log end (next append position). */
    long getMaxPhyOffset();

    /** Raw commit-log bytes from {@code offset}, at most to the end of its file or {@code maxBytes}; for HA. */
    ByteBuffer getCommitLogData(long offset, int maxBytes);

    /** Appends replicated raw bytes at {@code offset}, which must be the current end; for HA (slave). */
    boolean appendToCommitLog(long offset, ByteBuffer data);

    /** Registers a listener told about every message reaching a consume queue (long polling). */
    void addDispatchListener(DispatchListener listener);


    /** Whether appends are refused because disk use passed {@code diskSpaceWarningLevelRatio}. */
    boolean isDiskFull();

    /**
     * Why appends get DISK_FULL: how full the commit log's disk is (path and share used) against the key that refuses
     * appends, or the next commit-log file that finds no room (path, bytes needed, bytes free).
     */
    String describeDiskUse();

    /** Runtime statistics. */
    StoreStats stats();

    /**
     * Counts a read whose result a client receives, for the read statistics ({@code getMessageTimesTotalFound},
     * {@code getMessageTimesTotalMiss}, {@code getMessageTransferedMsgCount}, the transferred TPS): a pull answered
     * now. {@link #getMessage} counts nothing, so the broker's own reads (delay delivery, transaction checks, the
     * empty read before a pull is held for long polling) do not show as client misses.
     */
    void countClientRead(GetMessageResult result);

    /**
     * Gives a SLAVE the master's HA address ({@code host:port}, RocketMQ's {@code haServerAddr} from the name
     * server's registration answer). A different address reconnects at once (and clears a stop, since a new master
     * is checked afresh); the same one again changes nothing. Ignored on a master.
     *
     * @throws io.apogee.common.config.ConfigException when {@code address} is not {@code host:port}
     */
    void updateHaMasterAddress(String address);

    /** Replication as it stands: a master's slaves and how far behind each is, or a slave's link to its master. */
    HaStatus haStatus();
}
