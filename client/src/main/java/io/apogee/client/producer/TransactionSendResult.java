package io.apogee.client.producer;

/** A send result plus the state the local transaction ended in. */
public class TransactionSendResult extends SendResult {

    private LocalTransactionState localTransactionState;

    public LocalTransactionState getLocalTransactionState() {
        return localTransactionState;
    }

    public void setLocalTransactionState(LocalTransactionState localTransactionState) {
        this.localTransactionState = localTransactionState;
    }
}
