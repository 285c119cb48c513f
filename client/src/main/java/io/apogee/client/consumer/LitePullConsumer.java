package io.apogee.client.consumer;

import io.apogee.client.MQClientException;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** RocketMQ's lite pull consumer interface; {@link DefaultLitePullConsumer} implements it. */
public interface LitePullConsumer {

    void start() throws MQClientException;

    void shutdown();

    boolean isRunning();

    void subscribe(String topic, String subExpression) throws MQClientException;

    void subscribe(String topic, String subExpression, MessageQueueListener listener) throws MQClientException;

    void subscribe(String topic, MessageSelector selector) throws MQClientException;

    void unsubscribe(String topic);

    Set<MessageQueue> assignment() throws MQClientException;

    void assign(Collection<MessageQueue> messageQueues);

    void setSubExpressionForAssign(String topic, String subExpression);

    List<MessageExt> poll();

    List<MessageExt> poll(long timeout);

    void seek(MessageQueue mq, long offset) throws MQClientException;

    void pause(Collection<MessageQueue> messageQueues);

    void resume(Collection<MessageQueue> messageQueues);

    boolean isAutoCommit();

    void setAutoCommit(boolean autoCommit);

    Collection<MessageQueue> fetchMessageQueues(String topic) throws MQClientException;

    Long offsetForTimestamp(MessageQueue mq, Long timestamp) throws MQClientException;

    void commitSync();

    void commitSync(Map<MessageQueue, Long> offsetMap, boolean persist);

    void commit(Set<MessageQueue> messageQueues, boolean persist);

    Long committed(MessageQueue mq) throws MQClientException;

    void registerTopicMessageQueueChangeListener(String topic, TopicMessageQueueChangeListener listener)
            throws MQClientException;

    void updateNameServerAddress(String nameServerAddress);

    void seekToBegin(MessageQueue mq) throws MQClientException;

    void seekToEnd(MessageQueue mq) throws MQClientException;
}
