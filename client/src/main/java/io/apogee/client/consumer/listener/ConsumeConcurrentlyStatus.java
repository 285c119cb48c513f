package io.apogee.client.consumer.listener;

/** The outcome of consuming a batch concurrently. */
public enum ConsumeConcurrentlyStatus {
    /** Consumed: the offset moves past these messages. */
    CONSUME_SUCCESS,
    /** Failed: the messages come back later through the group's retry topic. */
    RECONSUME_LATER
}
