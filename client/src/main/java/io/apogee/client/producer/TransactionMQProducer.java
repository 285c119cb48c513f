package io.apogee.client.producer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.common.concurrent.BoundedExecutors;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.SysFlag;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.protocol.header.CheckTransactionStateRequestHeader;
import io.apogee.remoting.protocol.header.EndTransactionRequestHeader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends transactional messages: a half message first, then the {@link TransactionListener}'s local transaction
 * decides commit or rollback; the broker's later check-backs for undecided ones are answered by the listener.
 */
public class TransactionMQProducer extends DefaultMQProducer {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionMQProducer.class);

    private TransactionListener transactionListener;
    @SuppressWarnings("deprecation")
    private TransactionCheckListener transactionCheckListener;
    private int checkThreadPoolMinSize = 1;
    private int checkThreadPoolMaxSize = 1;
    private int checkRequestHoldMax = 2000;
    private ExecutorService executorService;
    private volatile ExecutorService checkExecutor;

    public TransactionMQProducer() {
    }

    public TransactionMQProducer(String producerGroup) {
        super(producerGroup);
    }

    /** {@code rpcHook} runs on every request this client sends (an {@code AclClientRPCHook} signs them). */
    public TransactionMQProducer(String producerGroup, RpcHook rpcHook) {
        super(producerGroup, rpcHook);
    }

    /**
     * With {@code enableMsgTrace}, the half message's send ({@code Pub}) and each commit, rollback or unknown answer
     * ({@code EndTransaction}, check-back answers too) are traced to {@code customizedTraceTopic}, or
     * {@code RMQ_SYS_TRACE_TOPIC} when it is null, as RocketMQ's trace hooks do.
     */
    public TransactionMQProducer(String producerGroup, RpcHook rpcHook, boolean enableMsgTrace,
            String customizedTraceTopic) {
        super(producerGroup, rpcHook, enableMsgTrace, customizedTraceTopic);
    }

    /** In {@code namespace}: its topics and group are {@code namespace%name} on the wire. */
    public TransactionMQProducer(String namespace, String producerGroup) {
        super(namespace, producerGroup);
    }

    public TransactionMQProducer(String namespace, String producerGroup, RpcHook rpcHook) {
        super(namespace, producerGroup, rpcHook);
    }

    /** In {@code namespace}, with a hook and tracing as above. */
    public TransactionMQProducer(String namespace, String producerGroup, RpcHook rpcHook, boolean enableMsgTrace,
            String customizedTraceTopic) {
        super(namespace, producerGroup, rpcHook, enableMsgTrace, customizedTraceTopic);
    }

    /**
     * Starts the producer and the pool answering check-backs: the {@link #setExecutorService executorService} when
     * set, else {@code checkThreadPoolMinSize} to {@code checkThreadPoolMaxSize} threads with at most
     * {@code checkRequestHoldMax} waiting checks (RocketMQ's 1, 1 and 2000); a check arriving at a full queue is
     * dropped with a warning and asked again by the broker later.
     *
     * @throws MQClientException also when the pool sizes are not 1 ≤ min ≤ max or the queue is not at least 1
     */
    @Override
    public synchronized void start() throws MQClientException {
        if (executorService == null && (checkThreadPoolMinSize < 1 || checkThreadPoolMaxSize < checkThreadPoolMinSize
                || checkRequestHoldMax < 1)) {
            throw new MQClientException(-1, "checkThreadPoolMinSize " + checkThreadPoolMinSize
                    + ", checkThreadPoolMaxSize " + checkThreadPoolMaxSize + " and checkRequestHoldMax "
                    + checkRequestHoldMax + " must satisfy 1 <= min <= max and hold >= 1; fix the settings");
        }
        checkExecutor = executorService != null ? executorService : BoundedExecutors.growing(
                "ApogeeTransactionCheck", checkThreadPoolMinSize, checkThreadPoolMaxSize, checkRequestHoldMax);
        super.start();
    }

    /** Stops the producer, then the check-back pool: an app's {@code executorService} too, as RocketMQ does. */
    @Override
    public synchronized void shutdown() {
        super.shutdown();
        if (checkExecutor != null) {
            if (checkExecutor == executorService) {
                checkExecutor.shutdown();
            } else {
                checkExecutor.shutdownNow();
            }
            checkExecutor = null;
        }
    }

    /**
     * Sends {@code msg} as a half message, runs the {@link TransactionListener}'s local transaction with
     * {@code arg}, and commits or rolls back the message accordingly (an {@code UNKNOW} outcome is left to the
     * broker's check-back). A delay level is ignored (cleared), as RocketMQ does.
     *
     * @throws MQClientException when no {@code TransactionListener} is set, or the half message could not be sent
     */
    @Override
    public TransactionSendResult sendMessageInTransaction(Message msg, Object arg) throws MQClientException {
        if (transactionListener == null) {
            throw new MQClientException("TransactionListener is null", null);
        }
        return sendInTransaction(msg, null, arg);
    }

    /**
     * RocketMQ's first transaction API: like {@link #sendMessageInTransaction(Message, Object)}, with
     * {@code executer} running the local transaction (the {@code TransactionListener} when it is null).
     *
     * @throws MQClientException when no {@link TransactionCheckListener} is set, or neither {@code executer} nor a
     *                           {@code TransactionListener} is
     * @deprecated as in RocketMQ 4.9
     */
    @Deprecated
    @Override
    public TransactionSendResult sendMessageInTransaction(Message msg, LocalTransactionExecuter executer, Object arg)
            throws MQClientException {
        if (transactionCheckListener == null) {
            throw new MQClientException("localTransactionBranchCheckListener is null", null);
        }
        if (executer == null && transactionListener == null) {
            throw new MQClientException("tranExecutor is null", null);
        }
        return sendInTransaction(msg, executer, arg);
    }

    private TransactionSendResult sendInTransaction(Message msg, LocalTransactionExecuter executer, Object arg)
            throws MQClientException {
        msg.putProperty(MessageProperty.DELAY_TIME_LEVEL, null);
        msg.putProperty(MessageProperty.TRANSACTION_PREPARED, "true");
        msg.putProperty(MessageProperty.PRODUCER_GROUP, getProducerGroup());
        SendResult sent;
        try {
            sent = send(msg);
        } catch (RemotingException | MQBrokerException e) {
            throw new MQClientException("send message Exception: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MQClientException("send message interrupted", e);
        }
        LocalTransactionState state = LocalTransactionState.ROLLBACK_MESSAGE;
        if (sent.getSendStatus() == SendStatus.SEND_OK) {
            state = executeLocal(msg, executer, arg);
        }
        try {
            endTransaction(msg, sent, state);
        } catch (RemotingException e) {
            // As RocketMQ: the outcome stands; the broker's check-back settles the half message.
            LOG.warn("local transaction of {} ended {}, but telling the broker failed; its check-back will ask: {}",
                    msg.getUniqueKey(), state, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("local transaction of {} ended {}, interrupted telling the broker; its check-back will ask",
                    msg.getUniqueKey(), state);
        }
        TransactionSendResult result = new TransactionSendResult();
        result.setSendStatus(sent.getSendStatus());
        result.setMsgId(sent.getMsgId());
        result.setOffsetMsgId(sent.getOffsetMsgId());
        result.setMessageQueue(sent.getMessageQueue());
        result.setQueueOffset(sent.getQueueOffset());
        result.setTransactionId(msg.getUniqueKey());
        result.setLocalTransactionState(state);
        return result;
    }

    private LocalTransactionState executeLocal(Message msg, LocalTransactionExecuter executer, Object arg) {
        msg.setTransactionId(msg.getUniqueKey());
        try {
            LocalTransactionState state = executer != null ? executer.executeLocalTransactionBranch(msg, arg)
                    : transactionListener.executeLocalTransaction(msg, arg);
            return state == null ? LocalTransactionState.UNKNOW : state;
        } catch (RuntimeException e) {
            LOG.warn("local transaction of {} failed, leaving it to the check-back", msg.getUniqueKey(), e);
            return LocalTransactionState.UNKNOW;
        }
    }

    private void endTransaction(Message msg, SendResult sent, LocalTransactionState state)
            throws MQClientException, RemotingException, InterruptedException {
        String uniqueKey = msg.getUniqueKey();
        MessageSender sender = running();
        String addr = sender.instance().findBrokerAddressInPublish(sent.getMessageQueue().getBrokerName());
        if (addr == null) {
            throw new MQClientException(-1, "broker " + sent.getMessageQueue().getBrokerName() + " not found");
        }
        EndTransactionRequestHeader header = new EndTransactionRequestHeader();
        header.setProducerGroup(getProducerGroup());
        header.setTranStateTableOffset(sent.getQueueOffset());
        header.setCommitLogOffset(OffsetMessageId.decode(sent.getOffsetMsgId()).commitLogOffset());
        header.setCommitOrRollback(sysFlagOf(state));
        header.setFromTransactionCheck(false);
        header.setMsgId(uniqueKey);
        header.setTransactionId(uniqueKey);
        header.setBname(sent.getMessageQueue().getBrokerName());
        sender.instance().manageApi().endTransactionOneway(addr, header, null);
        traceEnd(msg, uniqueKey, addr, uniqueKey, state, false);
    }

    /** Queues the {@code EndTransaction} trace of an answer when this producer traces, as RocketMQ's hook does. */
    private void traceEnd(Message msg, String msgId, String addr, String transactionId, LocalTransactionState state,
            boolean fromCheck) {
        TraceDispatcher traces = getTraceDispatcher();
        if (traces != null) {
            traces.append(TraceEncoder.endTransaction(getProducerGroup(), msg, msgId, addr, transactionId, state,
                    fromCheck));
        }
    }

    @Override
    void checkTransactionState(String brokerAddr, MessageExt message, CheckTransactionStateRequestHeader check) {
        ExecutorService executor = checkExecutor;
        if (executor == null) {
            LOG.warn("transaction check of {} from {} arrived while not started", check.getMsgId(), brokerAddr);
            return;
        }
        try {
            executor.execute(() -> answerCheck(brokerAddr, message, check));
        } catch (RejectedExecutionException e) {
            LOG.warn("transaction check of {} from {} dropped: {}", check.getMsgId(), brokerAddr, e.toString());
        }
    }

    private void answerCheck(String brokerAddr, MessageExt message, CheckTransactionStateRequestHeader check) {
        LocalTransactionState state;
        String uniqueKey = message.getUniqueKey();
        message.setTransactionId(uniqueKey != null && !uniqueKey.isEmpty() ? uniqueKey : check.getTransactionId());
        try {
            if (transactionCheckListener != null) {
                state = transactionCheckListener.checkLocalTransactionState(message);
            } else if (transactionListener != null) {
                state = transactionListener.checkLocalTransaction(message);
            } else {
                LOG.warn("transaction check of {} from {}: producer {} has no TransactionListener to ask; the broker "
                        + "will ask again", check.getMsgId(), brokerAddr, getProducerGroup());
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("transaction check of {} failed in the listener", check.getMsgId(), e);
            state = LocalTransactionState.UNKNOW;
        }
        EndTransactionRequestHeader header = new EndTransactionRequestHeader();
        header.setProducerGroup(getProducerGroup());
        header.setTranStateTableOffset(check.getTranStateTableOffset());
        header.setCommitLogOffset(check.getCommitLogOffset());
        LocalTransactionState answer = state == null ? LocalTransactionState.UNKNOW : state;
        header.setCommitOrRollback(sysFlagOf(answer));
        header.setFromTransactionCheck(true);
        header.setMsgId(message.getUniqueKey());
        header.setTransactionId(check.getTransactionId());
        try {
            running().instance().manageApi().endTransactionOneway(brokerAddr, header, null);
            traceEnd(message, message.getUniqueKey(), brokerAddr, check.getTransactionId(), answer, true);
        } catch (MQClientException | RemotingException e) {
            LOG.warn("answer to transaction check of {} to {} failed: {}", check.getMsgId(), brokerAddr,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int sysFlagOf(LocalTransactionState state) {
        return switch (state) {
            case COMMIT_MESSAGE -> SysFlag.TRANSACTION_COMMIT_TYPE;
            case ROLLBACK_MESSAGE -> SysFlag.TRANSACTION_ROLLBACK_TYPE;
            case UNKNOW -> SysFlag.TRANSACTION_NOT_TYPE;
        };
    }

    public TransactionListener getTransactionListener() {
        return transactionListener;
    }

    public void setTransactionListener(TransactionListener transactionListener) {
        this.transactionListener = transactionListener;
    }

    /** @deprecated as in RocketMQ 4.9; use {@link #getTransactionListener()} */
    @Deprecated
    public TransactionCheckListener getTransactionCheckListener() {
        return transactionCheckListener;
    }

    /**
     * Answers check-backs instead of the {@code TransactionListener} when set, as in RocketMQ.
     *
     * @deprecated as in RocketMQ 4.9; use {@link #setTransactionListener}
     */
    @Deprecated
    public void setTransactionCheckListener(TransactionCheckListener transactionCheckListener) {
        this.transactionCheckListener = transactionCheckListener;
    }

    public ExecutorService getExecutorService() {
        return executorService;
    }

    /** The pool check-backs run on, instead of one of {@code checkThreadPoolMin/MaxSize}; read at start. */
    public void setExecutorService(ExecutorService executorService) {
        this.executorService = executorService;
    }

    public int getCheckThreadPoolMaxSize() {
        return checkThreadPoolMaxSize;
    }

    public void setCheckThreadPoolMaxSize(int checkThreadPoolMaxSize) {
        this.checkThreadPoolMaxSize = checkThreadPoolMaxSize;
    }

    public int getCheckThreadPoolMinSize() {
        return checkThreadPoolMinSize;
    }

    public void setCheckThreadPoolMinSize(int checkThreadPoolMinSize) {
        this.checkThreadPoolMinSize = checkThreadPoolMinSize;
    }

    public int getCheckRequestHoldMax() {
        return checkRequestHoldMax;
    }

    public void setCheckRequestHoldMax(int checkRequestHoldMax) {
        this.checkRequestHoldMax = checkRequestHoldMax;
    }
}
