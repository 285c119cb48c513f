package io.apogee.client.consumer;

import io.apogee.client.consumer.listener.ConsumeConcurrentlyContext;
import io.apogee.client.consumer.listener.ConsumeConcurrentlyStatus;
import io.apogee.client.consumer.listener.ConsumeOrderlyContext;
import io.apogee.client.consumer.listener.ConsumeOrderlyStatus;
import io.apogee.client.consumer.listener.MessageListener;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.listener.MessageListenerOrderly;
import io.apogee.common.message.MessageExt;
import io.apogee.common.admin.CMResult;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.message.MessageQueue;
import java.util.List;

/** CONSUME_MESSAGE_DIRECTLY: runs a push consumer's listener once on one message and reports how it went. */
final class DirectConsumption {

    private DirectConsumption() {
    }

    static ConsumeMessageDirectlyResult run(MessageListener listener, MessageExt msg, String brokerName) {
        MessageQueue mq = new MessageQueue(msg.getTopic(), brokerName, msg.getQueueId());
        ConsumeMessageDirectlyResult result = new ConsumeMessageDirectlyResult();
        result.setOrder(listener instanceof MessageListenerOrderly);
        long start = System.currentTimeMillis();
        try {
            result.setConsumeResult(listener instanceof MessageListenerOrderly orderly
                    ? orderly(orderly.consumeMessage(List.of(msg), new ConsumeOrderlyContext(mq)))
                    : concurrently(((MessageListenerConcurrently) listener).consumeMessage(List.of(msg),
                            new ConsumeConcurrentlyContext(mq))));
        } catch (RuntimeException e) {
            result.setConsumeResult(CMResult.CR_THROW_EXCEPTION);
            result.setRemark(e.toString());
        }
        result.setSpentTimeMills(System.currentTimeMillis() - start);
        return result;
    }

    private static CMResult concurrently(ConsumeConcurrentlyStatus status) {
        if (status == null) {
            return CMResult.CR_RETURN_NULL;
        }
        return status == ConsumeConcurrentlyStatus.CONSUME_SUCCESS ? CMResult.CR_SUCCESS : CMResult.CR_LATER;
    }

    private static CMResult orderly(ConsumeOrderlyStatus status) {
        if (status == null) {
            return CMResult.CR_RETURN_NULL;
        }
        return status == ConsumeOrderlyStatus.SUCCESS ? CMResult.CR_SUCCESS : CMResult.CR_LATER;
    }
}
