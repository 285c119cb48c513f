package io.apogee.client.impl.api;

import io.apogee.client.MQBrokerException;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.remoting.protocol.body.CheckClientRequestBody;
import io.apogee.remoting.protocol.body.GetConsumerListByGroupResponseBody;
import io.apogee.remoting.protocol.body.LockBatchRequestBody;
import io.apogee.remoting.protocol.body.LockBatchResponseBody;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.body.UnlockBatchRequestBody;
import io.apogee.remoting.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.apogee.remoting.protocol.header.EndTransactionRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerListByGroupRequestHeader;
import io.apogee.remoting.protocol.header.UnregisterClientRequestHeader;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import io.apogee.common.protocol.LanguageCode;
import java.util.List;
import java.util.Set;

/** Client membership and consumer coordination on a broker: heartbeats, group members, queue locks, send-back. */
public final class ClientManageApi {

    private final NettyRemotingClient remoting;
    private final long timeoutMillis;

    public ClientManageApi(NettyRemotingClient remoting, long timeoutMillis) {
        this.remoting = remoting;
        this.timeoutMillis = timeoutMillis;
    }

    /** Announces the client's groups; the broker answers on this connection with broker-to-client calls later. */
    public void sendHeartbeat(String addr, HeartbeatData heartbeat, LanguageCode language)
            throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT, null).body(heartbeat.encode())
                .language(language);
        Responses.success(remoting.invokeSync(addr, request, timeoutMillis), addr);
    }

    /**
     * CHECK_CLIENT_CONFIG: whether the broker serves and compiles a subscription that is not a tag expression (the
     * official push consumer asks before it starts).
     *
     * @throws MQBrokerException with the broker's refusal: 1 when it does not filter by that type, 23 when the
     *                           expression does not compile
     */
    public void checkClientInBroker(String addr, String group, String clientId, SubscriptionData subscription)
            throws RemotingException, MQBrokerException, InterruptedException {
        CheckClientRequestBody body = new CheckClientRequestBody();
        body.setClientId(clientId);
        body.setGroup(group);
        body.setSubscriptionData(subscription);
        RemotingCommand request = RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG, null).body(body.encode());
        Responses.success(remoting.invokeSync(addr, request, timeoutMillis), addr);
    }

    /** Removes one producer or consumer group of this client from the broker. */
    public void unregisterClient(String addr, String clientId, String producerGroup, String consumerGroup)
            throws RemotingException, MQBrokerException, InterruptedException {
        UnregisterClientRequestHeader header = new UnregisterClientRequestHeader();
        header.setClientID(clientId);
        header.setProducerGroup(producerGroup);
        header.setConsumerGroup(consumerGroup);
        Responses.success(remoting.invokeSync(addr, RemotingCommand.request(RequestCode.UNREGISTER_CLIENT, header),
                timeoutMillis), addr);
    }

    /** The client ids of the group's online consumers, as this broker knows them. */
    public List<String> getConsumerIdList(String addr, String group)
            throws RemotingException, MQBrokerException, InterruptedException {
        GetConsumerListByGroupRequestHeader header = new GetConsumerListByGroupRequestHeader();
        header.setConsumerGroup(group);
        RemotingCommand response = remoting.invokeSync(addr,
                RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP, header), timeoutMillis);
        return GetConsumerListByGroupResponseBody.decode(Responses.body(response, addr)).getConsumerIdList();
    }

    /** Locks the queues for this client; returns those it holds now. */
    public Set<MessageQueue> lockBatch(String addr, LockBatchRequestBody body)
            throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand request = RemotingCommand.request(RequestCode.LOCK_BATCH_MQ, null).body(body.encode());
        RemotingCommand response = remoting.invokeSync(addr, request, timeoutMillis);
        return LockBatchResponseBody.decode(Responses.body(response, addr)).getLockOKMQSet();
    }

    /** Releases the queues, oneway. */
    public void unlockBatchOneway(String addr, UnlockBatchRequestBody body)
            throws RemotingException, InterruptedException {
        RemotingCommand request = RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ, null).body(body.encode());
        remoting.invokeOneway(addr, request, timeoutMillis);
    }

    /** Hands a message the consumer failed back to the broker, for re-delivery through the retry topic. */
    public void sendMessageBack(String addr, ConsumerSendMsgBackRequestHeader header)
            throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand request = RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK, header);
        Responses.success(remoting.invokeSync(addr, request, timeoutMillis), addr);
    }

    /** Commits or rolls back a half message, oneway like RocketMQ's producer. */
    public void endTransactionOneway(String addr, EndTransactionRequestHeader header, String remark)
            throws RemotingException, InterruptedException {
        RemotingCommand request = RemotingCommand.request(RequestCode.END_TRANSACTION, header).remark(remark);
        remoting.invokeOneway(addr, request, timeoutMillis);
    }
}
