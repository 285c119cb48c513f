package io.apogee.client.consumer.listener;

import io.apogee.common.message.MessageExt;
import java.util.List;

/** Consumes messages on many threads at once, in no particular order. */
@FunctionalInterface
public interface MessageListenerConcurrently extends MessageListener {

    /** Consumes a batch (of at most {@code consumeMessageBatchMaxSize}); throwing counts as {@code RECONSUME_LATER}. */
    ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs, ConsumeConcurrentlyContext context);
}
