package io.apogee.client.impl.api;

import io.apogee.client.MQBrokerException;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.header.GetEarliestMsgStoretimeRequestHeader;
import io.apogee.remoting.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import io.apogee.remoting.protocol.header.GetMaxOffsetRequestHeader;
import io.apogee.remoting.protocol.header.GetMaxOffsetResponseHeader;
import io.apogee.remoting.protocol.header.GetMinOffsetRequestHeader;
import io.apogee.remoting.protocol.header.GetMinOffsetResponseHeader;
import io.apogee.remoting.protocol.header.QueryConsumerOffsetRequestHeader;
import io.apogee.remoting.protocol.header.QueryConsumerOffsetResponseHeader;
import io.apogee.remoting.protocol.header.SearchOffsetRequestHeader;
import io.apogee.remoting.protocol.header.SearchOffsetResponseHeader;
import io.apogee.remoting.protocol.header.TopicQueueRequestHeader;
import io.apogee.remoting.protocol.header.UpdateConsumerOffsetRequestHeader;

/** Queue offsets on a broker: consumer offsets, queue bounds, time search. */
public final class BrokerOffsetApi {

    private final NettyRemotingClient remoting;
    private final long timeoutMillis;

    public BrokerOffsetApi(NettyRemotingClient remoting, long timeoutMillis) {
        this.remoting = remoting;
        this.timeoutMillis = timeoutMillis;
    }

    /** The group's stored offset, or -1 when the broker has none (QUERY_NOT_FOUND). */
    public long queryConsumerOffset(String addr, String group, MessageQueue mq)
            throws RemotingException, MQBrokerException, InterruptedException {
        QueryConsumerOffsetRequestHeader header = new QueryConsumerOffsetRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        header.setBname(mq.getBrokerName());
        RemotingCommand response = remoting.invokeSync(addr,
                RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET, header), timeoutMillis);
        if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
            return -1;
        }
        Responses.success(response, addr);
        return Responses.header(response, QueryConsumerOffsetResponseHeader.class, addr).getOffset();
    }

    /** Stores the group's offset, oneway (the periodic persist). */
    public void updateConsumerOffsetOneway(String addr, String group, MessageQueue mq, long offset)
            throws RemotingException, InterruptedException {
        remoting.invokeOneway(addr, updateRequest(group, mq, offset), timeoutMillis);
    }

    /** Stores the group's offset and waits for the broker to confirm. */
    public void updateConsumerOffset(String addr, String group, MessageQueue mq, long offset)
            throws RemotingException, MQBrokerException, InterruptedException {
        Responses.success(remoting.invokeSync(addr, updateRequest(group, mq, offset), timeoutMillis), addr);
    }

    private static RemotingCommand updateRequest(String group, MessageQueue mq, long offset) {
        UpdateConsumerOffsetRequestHeader header = new UpdateConsumerOffsetRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        header.setCommitOffset(offset);
        header.setBname(mq.getBrokerName());
        return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, header);
    }

    /** The queue's max offset (the next offset to be assigned). */
    public long getMaxOffset(String addr, MessageQueue mq)
            throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand response = invoke(addr, RequestCode.GET_MAX_OFFSET, topicQueue(new GetMaxOffsetRequestHeader(),
                mq));
        return Responses.header(Responses.success(response, addr), GetMaxOffsetResponseHeader.class, addr)
                .getOffset();
    }

    /** The queue's min offset (the first entry still stored). */
    public long getMinOffset(String addr, MessageQueue mq)
            throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand response = invoke(addr, RequestCode.GET_MIN_OFFSET, topicQueue(new GetMinOffsetRequestHeader(),
                mq));
        return Responses.header(Responses.success(response, addr), GetMinOffsetResponseHeader.class, addr)
                .getOffset();
    }

    /** The offset of the message stored closest to {@code timestamp}. */
    public long searchOffset(String addr, MessageQueue mq, long timestamp)
            throws RemotingException, MQBrokerException, InterruptedException {
        SearchOffsetRequestHeader header = topicQueue(new SearchOffsetRequestHeader(), mq);
        header.setTimestamp(timestamp);
        RemotingCommand response = invoke(addr, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, header);
        return Responses.header(Responses.success(response, addr), SearchOffsetResponseHeader.class, addr)
                .getOffset();
    }

    /** Store time of the queue's first message. */
    public long getEarliestMsgStoretime(String addr, MessageQueue mq)
            throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand response = invoke(addr, RequestCode.GET_EARLIEST_MSG_STORETIME,
                topicQueue(new GetEarliestMsgStoretimeRequestHeader(), mq));
        return Responses.header(Responses.success(response, addr), GetEarliestMsgStoretimeResponseHeader.class, addr)
                .getTimestamp();
    }

    private RemotingCommand invoke(String addr, int code, TopicQueueRequestHeader header)
            throws RemotingException, InterruptedException {
        return remoting.invokeSync(addr, RemotingCommand.request(code, header), timeoutMillis);
    }

    private static <T extends TopicQueueRequestHeader> T topicQueue(T header, MessageQueue mq) {
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        header.setBname(mq.getBrokerName());
        return header;
    }
}
