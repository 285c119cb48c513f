package io.apogee.broker.transaction;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.client.ProducerManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.service.ServiceLoop;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.CheckTransactionStateRequestHeader;
import io.apogee.store.GetMessageResult;
import io.apogee.store.GetMessageStatus;
import io.apogee.store.MessageFilter;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code transactionCheckInterval}, checks back the half messages left unresolved past
 * {@code transactionTimeOut}: each is appended again with its check count raised and the copy is sent to one online
 * producer of its group as CHECK_TRANSACTION_STATE (the producer answers with END_TRANSACTION for that copy); past
 * {@code transactionCheckMax} checks a half message is moved to {@code TRANS_CHECK_MAX_TIME_TOPIC} with a log line
 * (RESUME_CHECK_HALF_MESSAGE brings it back).
 *
 * <p>Progress is two consumer offsets of the system group {@code CID_RMQ_SYS_TRANS}, persisted with every other
 * offset: the half queue position below which every half message is resolved, checked again or moved, and the
 * op queue position below which every op record refers to such a half message. A restart resumes from them, so an
 * unresolved half message is checked after it (at least once).
 */
public final class TransactionCheckService implements ServiceLoop {

    /** The system group whose offsets hold the check progress. */
    public static final String GROUP = "CID_RMQ_SYS_TRANS";

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckService.class);
    private static final int BATCH = 32;
    private static final int QUEUE = TransactionalMessageService.QUEUE_ID;

    private final Supplier<BrokerConfig> config;
    private final MessageStore store;
    private final ConsumerOffsetManager offsets;
    private final TransactionalMessageService halves;
    private final ProducerManager producers;
    private final BiConsumer<Channel, RemotingCommand> sender;

    /**
     * @param sender sends a oneway request to a producer channel
     */
    public TransactionCheckService(Supplier<BrokerConfig> config, MessageStore store,
            ConsumerOffsetManager offsets, TransactionalMessageService halves, ProducerManager producers,
            BiConsumer<Channel, RemotingCommand> sender) {
        this.config = config;
        this.store = store;
        this.offsets = offsets;
        this.halves = halves;
        this.producers = producers;
        this.sender = sender;
    }

    @Override
    public String roleName() {
        return "ApogeeTransactionCheck";
    }

    /** One scan; always idles for the check interval afterwards. */
    @Override
    public int doWork() {
        long halfStart = Math.max(0, offsets.queryOffset(GROUP, SystemTopics.TRANS_HALF_TOPIC, QUEUE));
        long opStart = Math.max(0, offsets.queryOffset(GROUP, SystemTopics.TRANS_OP_HALF_TOPIC, QUEUE));
        List<long[]> ops = readOps(opStart);
        Set<Long> resolved = new HashSet<>();
        ops.forEach(op -> resolved.add(op[1]));
        long halfNext = scan(halfStart, store.getMaxOffsetInQueue(SystemTopics.TRANS_HALF_TOPIC, QUEUE), resolved);
        long opNext = opStart;
        for (long[] op : ops) {
            if (op[1] >= halfNext) {
                break;
            }
            opNext = op[0] + 1;
        }
        offsets.commitOffset(GROUP, SystemTopics.TRANS_HALF_TOPIC, QUEUE, halfNext);
        offsets.commitOffset(GROUP, SystemTopics.TRANS_OP_HALF_TOPIC, QUEUE, opNext);
        return 0;
    }

    /** Op records from {@code from} on, in queue order, as {@code [op queue offset, half queue offset]}. */
    private List<long[]> readOps(long from) {
        List<long[]> ops = new ArrayList<>();
        long next = from;
        while (true) {
            GetMessageResult read = store.getMessage(GROUP, SystemTopics.TRANS_OP_HALF_TOPIC, QUEUE, next, BATCH,
                    MessageFilter.ALL);
            if (read.status() != GetMessageStatus.FOUND) {
                return ops;
            }
            for (ByteBuffer record : read.messages()) {
                MessageExt op = StoredMessageCodec.decode(record.duplicate(), true);
                if (TransactionalMessageService.REMOVE_TAG.equals(op.getTags())) {
                    try {
                        ops.add(new long[] {op.getQueueOffset(),
                                Long.parseLong(new String(op.getBody(), StandardCharsets.UTF_8).trim())});
                    } catch (NumberFormatException e) {
                        LOG.warn("op record at queue offset {} has no half offset, ignored", op.getQueueOffset());
                    }
                }
            }
            next = read.nextBeginOffset();
        }
    }

    /** Checks half messages in {@code [from, end)} until the first one too young; returns where the next scan starts. */
    private long scan(long from, long end, Set<Long> resolved) {
        long next = from;
        long now = System.currentTimeMillis();
        while (next < end) {
            GetMessageResult read = store.getMessage(GROUP, SystemTopics.TRANS_HALF_TOPIC, QUEUE, next, BATCH,
                    MessageFilter.ALL);
            if (read.status() != GetMessageStatus.FOUND) {
                return read.status() == GetMessageStatus.OFFSET_TOO_SMALL ? read.nextBeginOffset() : next;
            }
            for (ByteBuffer record : read.messages()) {
                MessageExt half = StoredMessageCodec.decode(record.duplicate(), true);
                if (half.getQueueOffset() >= end) {
                    return next;
                }
                if (!resolved.contains(half.getQueueOffset()) && !checkOrDiscard(half, now)) {
                    return next;
                }
                next = half.getQueueOffset() + 1;
            }
        }
        return next;
    }

    /** Handles one unresolved half message; {@code false} when it is too young (or the put-back failed). */
    private boolean checkOrDiscard(MessageExt half, long now) {
        String immunity = half.getProperty(MessageProperty.CHECK_IMMUNITY_TIME_IN_SECONDS);
        long timeout = config.get().getTransactionTimeOut();
        if (immunity != null) {
            try {
                timeout = Math.max(timeout, Long.parseLong(immunity) * 1000);
            } catch (NumberFormatException e) {
                LOG.debug("bad check immunity '{}' ignored", immunity);
            }
        }
        if (now - half.getBornTimestamp() < timeout) {
            return false;
        }
        int checks = parseInt(half.getProperty(MessageProperty.TRANSACTION_CHECK_TIMES));
        if (checks >= config.get().getTransactionCheckMax()) {
            PutMessageResult moved = halves.moveCheckedTooOften(half).join();
            if (!moved.status().isStored()) {
                LOG.warn("half message {} not moved to {} ({}), retrying next scan", half.getUniqueKey(),
                        SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC, moved.status());
                return false;
            }
            LOG.warn("half message {} of group {} for topic {} moved to {} after {} check-backs",
                    half.getUniqueKey(), half.getProperty(MessageProperty.PRODUCER_GROUP),
                    half.getProperty(MessageProperty.REAL_TOPIC), SystemTopics.TRANS_CHECK_MAX_TIME_TOPIC, checks);
            return true;
        }
        PutMessageResult again = halves.putBack(half, checks + 1).join();
        if (!again.status().isStored()) {
            LOG.warn("half message {} not put back for its check ({}), retrying next scan", half.getUniqueKey(),
                    again.status());
            return false;
        }
        MessageExt copy = store.lookMessageByOffset(again.wroteOffset());
        if (copy != null) {
            checkBack(copy);
        }
        return true;
    }

    private void checkBack(MessageExt copy) {
        String group = copy.getProperty(MessageProperty.PRODUCER_GROUP);
        List<ClientChannelInfo> online = group == null ? List.of() : producers.producers(group);
        Channel channel = online.stream().map(ClientChannelInfo::channel).filter(Channel::isActive).findAny()
                .orElse(null);
        if (channel == null) {
            LOG.warn("no producer of group {} online to check half message {}", group, copy.getUniqueKey());
            return;
        }
        CheckTransactionStateRequestHeader header = new CheckTransactionStateRequestHeader();
        header.setTranStateTableOffset(copy.getQueueOffset());
        header.setCommitLogOffset(copy.getCommitLogOffset());
        header.setMsgId(copy.getUniqueKey());
        header.setTransactionId(copy.getUniqueKey());
        header.setOffsetMsgId(copy.getOffsetMsgId());
        copy.setTopic(copy.getProperty(MessageProperty.REAL_TOPIC));
        copy.setQueueId(parseInt(copy.getProperty(MessageProperty.REAL_QUEUE_ID)));
        sender.accept(channel, RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE, header)
                .body(StoredMessageCodec.encode(copy).array()));
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
