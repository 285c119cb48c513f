package io.apogee.client.producer;

/** The outcome of a local transaction, which decides the fate of its half message. */
public enum LocalTransactionState {
    COMMIT_MESSAGE,
    ROLLBACK_MESSAGE,
    /** Not known yet: the broker will ask again later (CHECK_TRANSACTION_STATE). */
    UNKNOW
}
