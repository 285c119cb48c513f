package io.apogee.broker.config;

/** A broker's part in its replica set ({@code brokerRole}). */
public enum BrokerRole {
    /** Master that answers a send once stored locally. */
    ASYNC_MASTER,
    /** Master that answers a send once a slave has it too. */
    SYNC_MASTER,
    /** Read-only replica of a master. */
    SLAVE
}
