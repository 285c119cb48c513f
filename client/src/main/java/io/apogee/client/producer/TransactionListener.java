package io.apogee.client.producer;

import io.apogee.common.message.Message;
import io.apogee.common.message.MessageExt;

/** The application side of transactional messages. */
public interface TransactionListener {

    /** Runs the local transaction after the half message was stored. */
    LocalTransactionState executeLocalTransaction(Message msg, Object arg);

    /** Answers the broker's check-back for a half message whose outcome is still unknown. */
    LocalTransactionState checkLocalTransaction(MessageExt msg);
}
