package io.apogee.client.consumer;

import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.impl.api.PullResult;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.exception.RemotingException;
import java.util.Set;

/**
 * RocketMQ's pull consumer interface; {@link DefaultMQPullConsumer} implements it.
 *
 * @deprecated as in RocketMQ 4.9; use {@link LitePullConsumer}
 */
@Deprecated
public interface MQPullConsumer extends MQConsumer {

    void start() throws MQClientException;

    void shutdown();

    void registerMessageQueueListener(String topic, MessageQueueListener listener);

    PullResult pull(MessageQueue mq, String subExpression, long offset, int maxNums)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    PullResult pull(MessageQueue mq, String subExpression, long offset, int maxNums, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void pull(MessageQueue mq, String subExpression, long offset, int maxNums, PullCallback pullCallback)
            throws MQClientException, RemotingException, InterruptedException;

    void pull(MessageQueue mq, String subExpression, long offset, int maxNums, PullCallback pullCallback, long timeout)
            throws MQClientException, RemotingException, InterruptedException;

    void pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums, PullCallback pullCallback)
            throws MQClientException, RemotingException, InterruptedException;

    void pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums, PullCallback pullCallback, long timeout)
            throws MQClientException, RemotingException, InterruptedException;

    PullResult pullBlockIfNotFound(MessageQueue mq, String subExpression, long offset, int maxNums)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void pullBlockIfNotFound(MessageQueue mq, String subExpression, long offset, int maxNums, PullCallback pullCallback)
            throws MQClientException, RemotingException, InterruptedException;

    void updateConsumeOffset(MessageQueue mq, long offset) throws MQClientException;

    long fetchConsumeOffset(MessageQueue mq, boolean fromStore) throws MQClientException;

    Set<MessageQueue> fetchMessageQueuesInBalance(String topic) throws MQClientException;

    void sendMessageBack(MessageExt msg, int delayLevel, String brokerName, String consumerGroup)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException;
}
