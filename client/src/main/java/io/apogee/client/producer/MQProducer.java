package io.apogee.client.producer;

import io.apogee.client.MQAdmin;
import io.apogee.client.MQBrokerException;
import io.apogee.client.MQClientException;
import io.apogee.client.RequestTimeoutException;
import io.apogee.common.message.Message;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.exception.RemotingException;
import java.util.Collection;
import java.util.List;

/** RocketMQ's producer interface; {@link DefaultMQProducer} and {@link TransactionMQProducer} implement it. */
public interface MQProducer extends MQAdmin {

    void start() throws MQClientException;

    void shutdown();

    List<MessageQueue> fetchPublishMessageQueues(String topic) throws MQClientException;

    SendResult send(Message msg) throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    SendResult send(Message msg, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void send(Message msg, SendCallback sendCallback) throws MQClientException, RemotingException, InterruptedException;

    void send(Message msg, SendCallback sendCallback, long timeout)
            throws MQClientException, RemotingException, InterruptedException;

    void sendOneway(Message msg) throws MQClientException, RemotingException, InterruptedException;

    SendResult send(Message msg, MessageQueue mq)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    SendResult send(Message msg, MessageQueue mq, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void send(Message msg, MessageQueue mq, SendCallback sendCallback)
            throws MQClientException, RemotingException, InterruptedException;

    void send(Message msg, MessageQueue mq, SendCallback sendCallback, long timeout)
            throws MQClientException, RemotingException, InterruptedException;

    void sendOneway(Message msg, MessageQueue mq) throws MQClientException, RemotingException, InterruptedException;

    SendResult send(Message msg, MessageQueueSelector selector, Object arg)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    SendResult send(Message msg, MessageQueueSelector selector, Object arg, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void send(Message msg, MessageQueueSelector selector, Object arg, SendCallback sendCallback)
            throws MQClientException, RemotingException, InterruptedException;

    void send(Message msg, MessageQueueSelector selector, Object arg, SendCallback sendCallback, long timeout)
            throws MQClientException, RemotingException, InterruptedException;

    void sendOneway(Message msg, MessageQueueSelector selector, Object arg)
            throws MQClientException, RemotingException, InterruptedException;

    TransactionSendResult sendMessageInTransaction(Message msg, LocalTransactionExecuter executer, Object arg)
            throws MQClientException;

    TransactionSendResult sendMessageInTransaction(Message msg, Object arg) throws MQClientException;

    SendResult send(Collection<Message> msgs)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    SendResult send(Collection<Message> msgs, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    SendResult send(Collection<Message> msgs, MessageQueue mq)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    SendResult send(Collection<Message> msgs, MessageQueue mq, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void send(Collection<Message> msgs, SendCallback sendCallback)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void send(Collection<Message> msgs, SendCallback sendCallback, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void send(Collection<Message> msgs, MessageQueue mq, SendCallback sendCallback)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void send(Collection<Message> msgs, MessageQueue mq, SendCallback sendCallback, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    Message request(Message msg, long timeout)
            throws RequestTimeoutException, MQClientException, RemotingException, MQBrokerException,
                    InterruptedException;

    void request(Message msg, RequestCallback requestCallback, long timeout)
            throws MQClientException, RemotingException, InterruptedException, MQBrokerException;

    Message request(Message msg, MessageQueueSelector selector, Object arg, long timeout)
            throws RequestTimeoutException, MQClientException, RemotingException, MQBrokerException,
                    InterruptedException;

    void request(Message msg, MessageQueueSelector selector, Object arg, RequestCallback requestCallback, long timeout)
            throws MQClientException, RemotingException, InterruptedException, MQBrokerException;

    Message request(Message msg, MessageQueue mq, long timeout)
            throws RequestTimeoutException, MQClientException, RemotingException, MQBrokerException,
                    InterruptedException;

    void request(Message msg, MessageQueue mq, RequestCallback requestCallback, long timeout)
            throws MQClientException, RemotingException, MQBrokerException, InterruptedException;
}
