package io.apogee.interop5;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/** Messages with text bodies, and 5.3.3 push consumers that hand each delivery to a test. */
final class Deliveries {

    private Deliveries() {
    }

    static Message message(String topic, String tag, String body) {
        return new Message(topic, tag, body.getBytes(StandardCharsets.UTF_8));
    }

    static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    /**
     * Subscribes {@code consumer} to {@code topic} (every tag when {@code selector} is null), gives each delivered
     * message to {@code each}, acknowledges it, and starts the consumer.
     */
    static DefaultMQPushConsumer start(DefaultMQPushConsumer consumer, String topic, MessageSelector selector,
            Consumer<MessageExt> each) throws MQClientException {
        if (selector == null) {
            consumer.subscribe(topic, "*");
        } else {
            consumer.subscribe(topic, selector);
        }
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(each);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }
}
