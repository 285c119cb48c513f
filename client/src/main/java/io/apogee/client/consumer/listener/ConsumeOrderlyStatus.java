package io.apogee.client.consumer.listener;

/** The outcome of consuming a batch orderly. */
public enum ConsumeOrderlyStatus {
    /** Consumed: the offset moves past these messages. */
    SUCCESS,
    /** Failed: the queue pauses and the same messages are consumed again (order is kept). */
    SUSPEND_CURRENT_QUEUE_A_MOMENT
}
