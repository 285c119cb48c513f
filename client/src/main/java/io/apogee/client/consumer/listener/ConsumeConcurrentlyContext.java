package io.apogee.client.consumer.listener;

import io.apogee.common.message.MessageQueue;

/** What a concurrent listener knows about its batch, and how it can steer redelivery. */
public class ConsumeConcurrentlyContext {

    private final MessageQueue messageQueue;
    private int delayLevelWhenNextConsume;
    private int ackIndex = Integer.MAX_VALUE;

    public ConsumeConcurrentlyContext(MessageQueue messageQueue) {
        this.messageQueue = messageQueue;
    }

    public MessageQueue getMessageQueue() {
        return messageQueue;
    }

    /** Delay level of the redelivery: 0 lets the broker choose ({@code 3 + reconsumeTimes}), -1 goes to the DLQ. */
    public int getDelayLevelWhenNextConsume() {
        return delayLevelWhenNextConsume;
    }

    public void setDelayLevelWhenNextConsume(int delayLevelWhenNextConsume) {
        this.delayLevelWhenNextConsume = delayLevelWhenNextConsume;
    }

    /** On success, messages after this index are still redelivered; by default the whole batch is acknowledged. */
    public int getAckIndex() {
        return ackIndex;
    }

    public void setAckIndex(int ackIndex) {
        this.ackIndex = ackIndex;
    }
}
