package io.apogee.client.consumer;

import io.apogee.client.MQClientException;
import io.apogee.client.consumer.listener.MessageListener;
import io.apogee.client.consumer.listener.MessageListenerConcurrently;
import io.apogee.client.consumer.listener.MessageListenerOrderly;

/** RocketMQ's push consumer interface; {@link DefaultMQPushConsumer} implements it. */
public interface MQPushConsumer extends MQConsumer {

    void start() throws MQClientException;

    void shutdown();

    void registerMessageListener(MessageListener messageListener);

    void registerMessageListener(MessageListenerConcurrently messageListener);

    void registerMessageListener(MessageListenerOrderly messageListener);

    void subscribe(String topic, String subExpression) throws MQClientException;

    void subscribe(String topic, String fullClassName, String filterClassSource) throws MQClientException;

    void subscribe(String topic, MessageSelector selector) throws MQClientException;

    void unsubscribe(String topic);

    void updateCorePoolSize(int corePoolSize);

    void suspend();

    void resume();
}
