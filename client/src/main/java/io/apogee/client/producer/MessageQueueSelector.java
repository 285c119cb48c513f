package io.apogee.client.producer;

import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import java.util.List;

/** Chooses the queue of a message, e.g. by an order id so that one order's messages stay in sequence. */
@FunctionalInterface
public interface MessageQueueSelector {

    /**
     * @param mqs the topic's writable queues, in a stable order
     * @param arg the argument passed to {@code send}
     */
    MessageQueue select(List<MessageQueue> mqs, Message msg, Object arg);
}
