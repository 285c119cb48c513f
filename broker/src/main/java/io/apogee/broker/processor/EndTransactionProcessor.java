package io.apogee.broker.processor;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.config.BrokerRole;
import io.apogee.broker.slave.MasterLink;
import io.apogee.broker.transaction.TransactionalMessageService;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.SysFlag;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.netty.Channels;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.Reply;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.EndTransactionRequestHeader;
import io.apogee.store.PutMessageResult;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * END_TRANSACTION (usually oneway): commit stores the real message of the half message and marks it resolved,
 * rollback only marks it resolved, "unknown" leaves it for the check-back; RESUME_CHECK_HALF_MESSAGE puts a half
 * message back in the half queue to be checked again.
 */
public final class EndTransactionProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EndTransactionProcessor.class);

    private final BrokerConfig config;
    private final TransactionalMessageService halves;
    private final MasterLink master;

    /**
     * @param master a slave's master, named when it refuses
     */
    public EndTransactionProcessor(BrokerConfig config, TransactionalMessageService halves, MasterLink master) {
        this.config = config;
        this.halves = halves;
        this.master = master;
    }

    /** END_TRANSACTION and RESUME_CHECK_HALF_MESSAGE with their handlers. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(RequestCode.END_TRANSACTION, this::endTransaction,
                RequestCode.RESUME_CHECK_HALF_MESSAGE, this::resumeCheck);
    }

    /**
     * RESUME_CHECK_HALF_MESSAGE ({@code mqadmin resumeCheckHalfMessage}): header {@code msgId} is the offset message
     * id of a half message, usually one moved to {@code TRANS_CHECK_MAX_TIME_TOPIC}; it is checked back again.
     */
    private Reply resumeCheck(Channel channel, RemotingCommand request) {
        String msgId = request.extFields() == null ? null : request.extFields().get("msgId");
        long commitLogOffset;
        try {
            commitLogOffset = OffsetMessageId.decode(String.valueOf(msgId)).commitLogOffset();
        } catch (IllegalArgumentException e) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "RESUME_CHECK_HALF_MESSAGE needs the offset"
                    + " message id of a half message, not " + msgId);
        }
        CompletableFuture<PutMessageResult> put = halves.resumeCheck(commitLogOffset);
        if (put == null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "no half message of a transaction at " + msgId);
        }
        return Reply.later(put.handle((r, failure) -> {
            boolean ok = failure == null && r.status().isStored();
            if (ok) {
                LOG.info("half message {} resumed for check-back by {}", msgId, Channels.remoteAddress(channel));
            }
            return ok ? RemotingCommand.response(ResponseCode.SUCCESS, null)
                    : StatusResponses.error(ResponseCode.SYSTEM_ERROR, "Put message back to RMQ_SYS_TRANS_HALF_TOPIC"
                            + " failed: " + (failure == null ? r.status() : failure.getMessage()));
        }));
    }

    /**
     * Commits or rolls back; the reply completes once the resolution is stored. An "unknown" state gets no
     * response (as in RocketMQ; producers send END_TRANSACTION oneway).
     */
    private Reply endTransaction(Channel channel, RemotingCommand request) throws RemotingCommandException {
        EndTransactionRequestHeader header = request.decodeHeader(EndTransactionRequestHeader.class);
        if (config.getBrokerRole() == BrokerRole.SLAVE) {
            return StatusResponses.slaveEndTransactionRefusal(master);
        }
        int decision = header.getCommitOrRollback();
        if (decision != SysFlag.TRANSACTION_COMMIT_TYPE && decision != SysFlag.TRANSACTION_ROLLBACK_TYPE) {
            return null;
        }
        MessageExt half = halves.findHalf(header.getCommitLogOffset());
        RemotingCommand refused = check(header, half);
        if (refused != null) {
            LOG.warn("END_TRANSACTION from {} refused: {}", Channels.remoteAddress(channel), refused.remark());
            return refused;
        }
        if (decision == SysFlag.TRANSACTION_ROLLBACK_TYPE) {
            return Reply.later(halves.markResolved(half).handle((r, failure) -> answer(channel, failure == null
                    && r.status().isStored(), "rollback not recorded")));
        }
        return Reply.later(halves.commit(half).thenCompose(result -> {
            if (!result.status().isStored()) {
                throw new IllegalStateException("commit not stored: " + result.status());
            }
            return halves.markResolved(half);
        }).handle((r, failure) -> answer(channel, failure == null && r.status().isStored(),
                failure == null ? "commit not recorded" : failure.getMessage())));
    }

    private static RemotingCommand check(EndTransactionRequestHeader header, MessageExt half) {
        if (half == null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "Find prepared transaction message failed");
        }
        if (!header.getProducerGroup().equals(half.getProperty(MessageProperty.PRODUCER_GROUP))) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "The producer group wrong");
        }
        if (half.getQueueOffset() != header.getTranStateTableOffset()) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "The transaction state table offset wrong");
        }
        if (half.getCommitLogOffset() != header.getCommitLogOffset()) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "The commit log offset wrong");
        }
        return null;
    }

    private static RemotingCommand answer(Channel channel, boolean ok, String problem) {
        if (!ok) {
            LOG.warn("END_TRANSACTION from {}: {}", Channels.remoteAddress(channel), problem);
        }
        return ok ? RemotingCommand.response(ResponseCode.SUCCESS, null)
                : StatusResponses.error(ResponseCode.SYSTEM_ERROR, problem);
    }
}
