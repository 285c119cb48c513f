package io.apogee.client.consumer;

import io.apogee.client.MQAdmin;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.exception.RemotingException;
import java.util.Set;

/** RocketMQ's calls common to push and pull consumers: send-back and the subscribable queues of a topic. */
public interface MQConsumer extends MQAdmin {

    void sendMessageBack(MessageExt msg, int delayLevel)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException;

    void sendMessageBack(MessageExt msg, int delayLevel, String brokerName)
            throws RemotingException, MQBrokerException, InterruptedException, MQClientException;

    Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException;
}
