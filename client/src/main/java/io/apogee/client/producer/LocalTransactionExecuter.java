package io.apogee.client.producer;

import io.apogee.common.message.Message;

/**
 * RocketMQ's first transaction API: the local transaction of one
 * {@link TransactionMQProducer#sendMessageInTransaction(Message, LocalTransactionExecuter, Object)} call.
 *
 * @deprecated as in RocketMQ 4.9; use {@link TransactionListener#executeLocalTransaction}
 */
@Deprecated
public interface LocalTransactionExecuter {

    /** Runs the local transaction after the half message was stored; {@code UNKNOW} leaves it to the check-back. */
    LocalTransactionState executeLocalTransactionBranch(Message msg, Object arg);
}
