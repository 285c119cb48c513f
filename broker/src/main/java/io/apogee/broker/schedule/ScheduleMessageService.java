package io.apogee.broker.schedule;

import io.apogee.broker.message.MessageCopy;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.SysFlag;
import io.apogee.common.service.ServiceLoop;
import io.apogee.common.topic.SystemTopics;
import io.apogee.store.GetMessageResult;
import io.apogee.store.GetMessageStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import io.apogee.store.PutMessageStatus;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delay levels: {@link #toSchedule} parks a delayed message in {@code SCHEDULE_TOPIC_XXXX} queue {@code level - 1}
 * with its real topic and queue in properties; each step of this loop re-delivers, level by level in queue order,
 * every parked message whose due time (its store time plus the level's delay, which the store keeps as the entry's
 * tag code) has passed, and stops a level at the first one not yet due. A message is never delivered early, and the
 * level's offset moves only after the real copy is stored.
 */
public final class ScheduleMessageService implements ServiceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleMessageService.class);
    private static final String GROUP = "SCHEDULE_CONSUMER";
    private static final int BATCH = 32;

    private final MessageStore store;
    private final DelayOffsetTable progress;
    private final long[] levelMillis;

    /**
     * @param levelMillis delay of each level, index 0 = level 1 (from {@code messageDelayLevel})
     */
    public ScheduleMessageService(MessageStore store, DelayOffsetTable progress, long[] levelMillis) {
        this.store = store;
        this.progress = progress;
        this.levelMillis = levelMillis.clone();
    }

    /**
     * Rewrites {@code m} in place to wait in the schedule topic when it asks for a delay (DELAY &gt; 0) and is not a
     * prepared or rolled-back transaction record; a level above the highest is clamped to it.
     *
     * @param levels how many delay levels there are
     * @return whether the message was rewritten
     */
    public static boolean toSchedule(MessageExt m, int levels) {
        int level = m.getDelayTimeLevel();
        int type = SysFlag.transactionType(m.getSysFlag());
        if (level <= 0 || type == SysFlag.TRANSACTION_PREPARED_TYPE || type == SysFlag.TRANSACTION_ROLLBACK_TYPE) {
            return false;
        }
        level = Math.min(level, levels);
        m.putProperty(MessageProperty.DELAY_TIME_LEVEL, String.valueOf(level));
        m.putProperty(MessageProperty.REAL_TOPIC, m.getTopic());
        m.putProperty(MessageProperty.REAL_QUEUE_ID, String.valueOf(m.getQueueId()));
        m.setTopic(SystemTopics.SCHEDULE_TOPIC);
        m.setQueueId(level - 1);
        return true;
    }

    @Override
    public String roleName() {
        return "ApogeeScheduleMessage";
    }

    @Override
    public int doWork() {
        int delivered = 0;
        for (int level = 1; level <= levelMillis.length; level++) {
            delivered += deliverDue(level);
        }
        return delivered;
    }

    /** Delivers the due messages at the head of one level; returns how many. */
    private int deliverDue(int level) {
        long offset = progress.offset(level);
        GetMessageResult read = store.getMessage(GROUP, SystemTopics.SCHEDULE_TOPIC, level - 1, offset, BATCH,
                MessageFilter.ALL);
        if (read.status() != GetMessageStatus.FOUND) {
            if (read.status() == GetMessageStatus.OFFSET_TOO_SMALL
                    || read.status() == GetMessageStatus.OFFSET_OVERFLOW_BADLY) {
                LOG.warn("delay level {} offset {} out of range [{}, {}), moving to {}", level, offset,
                        read.minOffset(), read.maxOffset(), read.nextBeginOffset());
                progress.advance(level, read.nextBeginOffset());
            }
            return 0;
        }
        long now = System.currentTimeMillis();
        int delivered = 0;
        for (ByteBuffer record : read.messages()) {
            MessageExt parked = StoredMessageCodec.decode(record.duplicate(), true);
            if (parked.getStoreTimestamp() + levelMillis[level - 1] > now || !deliver(parked)) {
                return delivered;
            }
            progress.advance(level, parked.getQueueOffset() + 1);
            delivered++;
        }
        return delivered;
    }

    private boolean deliver(MessageExt parked) {
        String realTopic = parked.getProperty(MessageProperty.REAL_TOPIC);
        String realQueue = parked.getProperty(MessageProperty.REAL_QUEUE_ID);
        if (realTopic == null || realQueue == null) {
            LOG.warn("delayed message at offset {} has no real topic or queue, dropped", parked.getCommitLogOffset());
            return true;
        }
        // DELAY stays among the stored properties of the delivered copy, as RocketMQ stores it.
        MessageExt real = MessageCopy.of(parked, realTopic, Integer.parseInt(realQueue));
        PutMessageResult result = store.putMessage(real).join();
        if (result.status() == PutMessageStatus.MESSAGE_ILLEGAL
                || result.status() == PutMessageStatus.PROPERTIES_SIZE_EXCEEDED) {
            LOG.warn("delayed message for {} refused by the store ({}), dropped", realTopic, result.status());
            return true;
        }
        if (!result.status().isStored()) {
            LOG.warn("delayed message for {} not delivered ({}), retrying later", realTopic, result.status());
            return false;
        }
        return true;
    }
}
