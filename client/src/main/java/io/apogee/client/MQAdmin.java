package io.apogee.client;

import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.exception.RemotingException;

/**
 * RocketMQ's admin calls every producer and consumer offers (its interface of this name, so code typed to it
 * compiles with a changed import): topic creation, offset look-ups by time and message look-ups.
 */
public interface MQAdmin {

    void createTopic(String key, String newTopic, int queueNum) throws MQClientException;

    void createTopic(String key, String newTopic, int queueNum, int topicSysFlag) throws MQClientException;

    long searchOffset(MessageQueue mq, long timestamp) throws MQClientException;

    long maxOffset(MessageQueue mq) throws MQClientException;

    long minOffset(MessageQueue mq) throws MQClientException;

    long earliestMsgStoreTime(MessageQueue mq) throws MQClientException;

    MessageExt viewMessage(String offsetMsgId)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException;

    QueryResult queryMessage(String topic, String key, int maxNum, long begin, long end)
            throws MQClientException, InterruptedException;

    MessageExt viewMessage(String topic, String msgId)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException;
}
