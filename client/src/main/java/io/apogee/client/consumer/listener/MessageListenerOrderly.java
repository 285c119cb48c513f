package io.apogee.client.consumer.listener;

import io.apogee.common.message.MessageExt;
import java.util.List;

/** Consumes each queue's messages one batch at a time, in queue order, holding the queue's broker lock. */
@FunctionalInterface
public interface MessageListenerOrderly extends MessageListener {

    /** Consumes a batch; throwing counts as {@code SUSPEND_CURRENT_QUEUE_A_MOMENT}. */
    ConsumeOrderlyStatus consumeMessage(List<MessageExt> msgs, ConsumeOrderlyContext context);
}
