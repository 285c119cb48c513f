package io.apogee.client.producer;

import io.apogee.common.message.MessageExt;

/**
 * RocketMQ's first transaction API: answers the broker's check-backs of undecided half messages. When set, it is
 * asked instead of the {@link TransactionListener}, as in RocketMQ.
 *
 * @deprecated as in RocketMQ 4.9; use {@link TransactionListener#checkLocalTransaction}
 */
@Deprecated
public interface TransactionCheckListener {

    /** The outcome of the local transaction of {@code msg}; {@code UNKNOW} has the broker ask again later. */
    LocalTransactionState checkLocalTransactionState(MessageExt msg);
}
