package io.apogee.broker.transaction;

import io.apogee.broker.message.MessageCopy;
import io.apogee.broker.schedule.ScheduleMessageService;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.SysFlag;
import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.Permission;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Half messages and their op log. A transactional send is parked in {@code RMQ_SYS_TRANS_HALF_TOPIC} queue 0 (with
 * its real topic and queue in properties, transaction type reset so the half queue indexes it, invisible to the
 * real topic's consumers); a commit stores the real message, and commit or rollback both append an op record to
 * {@code RMQ_SYS_TRANS_OP_HALF_TOPIC} (tag {@code d}, body = the half queue offset in decimal) that marks the half
 * message resolved for {@link TransactionCheckService}.
 */
public final class TransactionalMessageService {

    /** Queue of the half and op topics. */
    static final int QUEUE_ID = 0;
    /** Tag of op records meaning "resolved". */
    static final String REMOVE_TAG = "d";

    private final MessageStore store;
    private final TopicConfigManager topics;
    private final InetSocketAddress storeHost;
    private final int delayLevels;

    public TransactionalMessageService(MessageStore store, TopicConfigManager topics, InetSocketAddress storeHost,
            int delayLevels) {
        this.store = store;
        this.topics = topics;
        this.storeHost = storeHost;
        this.delayLevels = delayLevels;
    }

    /** Whether {@code m} is the prepared half of a transaction (property {@code TRAN_MSG=true}). */
    public static boolean isPrepared(MessageExt m) {
        return Boolean.parseBoolean(m.getProperty(MessageProperty.TRANSACTION_PREPARED));
    }

    /** Rewrites {@code m} in place into a half message (creating the half topic on first use). */
    public void toHalf(MessageExt m) {
        topics.createInternal(SystemTopics.TRANS_HALF_TOPIC, 1, Permission.READ_WRITE);
        m.putProperty(MessageProperty.REAL_TOPIC, m.getTopic());
        m.putProperty(MessageProperty.REAL_QUEUE_ID, String.valueOf(m.getQueueId()));
        m.setSysFlag(SysFlag.withTransactionType(m.getSysFlag(), SysFlag.TRANSACTION_NOT_TYPE));
        m.setTopic(SystemTopics.TRANS_HALF_TOPIC);
        m.setQueueId(QUEUE_ID);
    }

    /** The half message stored at {@code commitLogOffset}, or {@code null} when there is none there. */
    public MessageExt findHalf(long commitLogOffset) {
        MessageExt m = store.lookMessageByOffset(commitLogOffset);
        return m != null && SystemTopics.TRANS_HALF_TOPIC.equals(m.getTopic()) ? m : null;
    }

    /** Stores the real message of a committed half message (delayed if it asks for a delay). */
    public CompletableFuture<PutMessageResult> commit(MessageExt half) {
        MessageExt real = MessageCopy.of(half, half.getProperty(MessageProperty.REAL_TOPIC),
                Integer.parseInt(half.getProperty(MessageProperty.REAL_QUEUE_ID)));
        real.setSysFlag(SysFlag.withTransactionType(half.getSysFlag(), SysFlag.TRANSACTION_COMMIT_TYPE));
        real.setPreparedTransactionOffset(half.getCommitLogOffset());
        ScheduleMessageService.toSchedule(real, delayLevels);
        return store.putMessage(real);
    }

    /** Appends the op record that marks {@code half} resolved (after a commit or a rollback). */
    public CompletableFuture<PutMessageResult> markResolved(MessageExt half) {
        MessageExt op = new MessageExt();
        op.setTopic(SystemTopics.TRANS_OP_HALF_TOPIC);
        op.setQueueId(QUEUE_ID);
        op.setBody(String.valueOf(half.getQueueOffset()).getBytes(StandardCharsets.UTF_8));
        Map<String, String> props = new LinkedHashMap<>();
        props.put(MessageProperty.TAGS, REMOVE_TAG);
        props.put(MessageProperty.WAIT_STORE_MSG_OK, "false");
        op.setProperties(props);
        op.setBornTimestamp(System.currentTimeMillis());
        op.setBornHost(storeHost);
        op.setStoreHost(storeHost);
        return store.putMessage(op);
    }

    /**
     * Moves a half message checked {@code transactionCheckMax} times out of the half queue, as RocketMQ does: a copy
     * goes to {@code TRANS_CHECK_MAX_TIME_TOPIC} (one queue, created on first use), where an admin can find it and
     * {@link #resumeCheck} it.
     */
    CompletableFuture<PutMessageResult> moveCheckedTooOften(MessageExt half) {
        topics.createInternal(SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC, 1, Permission.READ_WRITE);
        MessageExt moved = MessageCopy.of(half, SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC, QUEUE_ID);
        moved.putProperty(MessageProperty.WAIT_STORE_MSG_OK, "false");
        return store.putMessage(moved);
    }

    /**
     * RESUME_CHECK_HALF_MESSAGE: appends the half message stored at {@code commitLogOffset} (usually one moved to
     * {@code TRANS_CHECK_MAX_TIME_TOPIC}) to the half queue again with its check count reset, so that it is checked
     * back again; {@code null} when no half message of a transaction is stored there.
     */
    public CompletableFuture<PutMessageResult> resumeCheck(long commitLogOffset) {
        MessageExt m = store.lookMessageByOffset(commitLogOffset);
        if (m == null || !isPrepared(m) || m.getProperty(MessageProperty.REAL_TOPIC) == null) {
            return null;
        }
        topics.createInternal(SystemTopics.TRANS_HALF_TOPIC, 1, Permission.READ_WRITE);
        return putBack(m, 0);
    }

    /**
     * Appends a copy of an unresolved half message with its check count raised, before it is checked back; the copy
     * stores {@code WAIT=false}, then the count.
     */
    CompletableFuture<PutMessageResult> putBack(MessageExt half, int checkTimes) {
        MessageExt again = MessageCopy.of(half, SystemTopics.TRANS_HALF_TOPIC, QUEUE_ID);
        again.putProperty(MessageProperty.WAIT_STORE_MSG_OK, "false");
        again.putProperty(MessageProperty.TRANSACTION_CHECK_TIMES, String.valueOf(checkTimes));
        return store.putMessage(again);
    }
}
