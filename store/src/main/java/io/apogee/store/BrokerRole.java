package io.apogee.store;

/**
 * The store's part in its replica set ({@code brokerRole}, RocketMQ's key and values): a master serves slaves on
 * {@code haListenPort}; a SYNC_MASTER also answers a waiting append only once a slave confirmed its bytes; a SLAVE
 * refuses appends and copies its master's commit log.
 */
public enum BrokerRole {
    ASYNC_MASTER,
    SYNC_MASTER,
    SLAVE;

    /** Whether this role serves slaves (and takes appends). */
    public boolean isMaster() {
        return this != SLAVE;
    }
}
