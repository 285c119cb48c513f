package io.apogee.client.producer;

import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks one of the queues at random, whatever the argument. */
public class SelectMessageQueueByRandom implements MessageQueueSelector {

    @Override
    public MessageQueue select(List<MessageQueue> mqs, Message msg, Object arg) {
        return mqs.get(ThreadLocalRandom.current().nextInt(mqs.size()));
    }
}
