package io.apogee.client.producer;

import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import java.util.List;

/** Picks the queue at {@code |arg.hashCode()| mod queues}: the same argument always maps to the same queue. */
public class SelectMessageQueueByHash implements MessageQueueSelector {

    @Override
    public MessageQueue select(List<MessageQueue> mqs, Message msg, Object arg) {
        return mqs.get(Math.floorMod(arg.hashCode(), mqs.size()));
    }
}
