package io.apogee.client.impl;

import io.apogee.client.impl.api.Compression;
import io.apogee.client.impl.api.PullApi;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.SysFlag;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.netty.Channels;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.admin.ConsumeMessageDirectlyResult;
import io.apogee.common.admin.ConsumerRunningInfo;
import io.apogee.common.message.MessageQueue;
import io.apogee.remoting.protocol.body.GetConsumerStatusBody;
import io.apogee.remoting.protocol.body.ResetOffsetBody;
import io.apogee.remoting.protocol.header.CheckTransactionStateRequestHeader;
import io.apogee.remoting.protocol.header.ConsumeMessageDirectlyResultRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerRunningInfoRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerStatusRequestHeader;
import io.apogee.remoting.protocol.header.NotifyConsumerIdsChangedRequestHeader;
import io.apogee.remoting.protocol.header.ReplyMessageRequestHeader;
import io.apogee.remoting.protocol.header.ResetOffsetRequestHeader;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests brokers send to this client over its own connections: transaction check-backs, consumer-group
 * changes, offset resets, running-info and offset-status queries, direct consumption of one message, and replies to
 * this client's requests.
 */
final class ClientRemotingProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRemotingProcessor.class);

    private final MQClientInstance instance;

    ClientRemotingProcessor(MQClientInstance instance) {
        this.instance = instance;
    }

    @Override
    public RemotingCommand processRequest(Channel channel, RemotingCommand request) throws Exception {
        return switch (request.code()) {
            case RequestCode.CHECK_TRANSACTION_STATE -> checkTransactionState(channel, request);
            case RequestCode.NOTIFY_CONSUMER_IDS_CHANGED -> consumerIdsChanged(channel, request);
            case RequestCode.RESET_CONSUMER_CLIENT_OFFSET -> resetOffset(request);
            case RequestCode.GET_CONSUMER_RUNNING_INFO -> runningInfo(request);
            case RequestCode.CONSUME_MESSAGE_DIRECTLY -> consumeDirectly(request);
            case RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT -> receiveReply(channel, request);
            case RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT -> consumerStatus(request);
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.code() + " not supported");
        };
    }

    private RemotingCommand checkTransactionState(Channel channel, RemotingCommand request) throws Exception {
        CheckTransactionStateRequestHeader header = request.decodeHeader(CheckTransactionStateRequestHeader.class);
        List<MessageExt> messages = PullApi.decodeMessages(request.body());
        if (messages.isEmpty()) {
            LOG.warn("transaction check from {} carries no message", channel.remoteAddress());
            return null;
        }
        MessageExt message = messages.get(0);
        String group = message.getProperty(MessageProperty.PRODUCER_GROUP);
        MQProducerInner producer = group == null ? null : instance.producer(group);
        if (producer == null) {
            LOG.warn("transaction check for unknown producer group {} from {}", group, channel.remoteAddress());
            return null;
        }
        producer.checkTransactionState(Channels.remoteAddress(channel), message, header);
        return null;
    }

    private RemotingCommand consumerIdsChanged(Channel channel, RemotingCommand request) throws Exception {
        String group = request.decodeHeader(NotifyConsumerIdsChangedRequestHeader.class).getConsumerGroup();
        LOG.info("consumer ids of group {} changed (from {}), rebalancing", group, channel.remoteAddress());
        instance.rebalanceImmediately();
        return null;
    }

    private RemotingCommand resetOffset(RemotingCommand request) throws Exception {
        ResetOffsetRequestHeader header = request.decodeHeader(ResetOffsetRequestHeader.class);
        MQConsumerInner consumer = instance.consumer(header.getGroup());
        if (consumer != null && request.body() != null) {
            Map<MessageQueue, Long> offsets = ResetOffsetBody.decode(request.body()).getOffsetTable();
            consumer.resetOffset(header.getTopic(), offsets);
        }
        return null;
    }

    /** The offsets of the group's queues of the topic, as RocketMQ's client answers the broker's relay. */
    private RemotingCommand consumerStatus(RemotingCommand request) throws Exception {
        GetConsumerStatusRequestHeader header = request.decodeHeader(GetConsumerStatusRequestHeader.class);
        MQConsumerInner consumer = instance.consumer(header.getGroup());
        if (consumer == null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "The Consumer Group <" + header.getGroup()
                    + "> not exist in this consumer");
        }
        GetConsumerStatusBody body = new GetConsumerStatusBody();
        body.setMessageQueueTable(consumer.consumeOffsets(header.getTopic()));
        return RemotingCommand.response(ResponseCode.SUCCESS, null).body(body.encode());
    }

    private RemotingCommand consumeDirectly(RemotingCommand request) throws Exception {
        ConsumeMessageDirectlyResultRequestHeader header =
                request.decodeHeader(ConsumeMessageDirectlyResultRequestHeader.class);
        MQConsumerInner consumer = instance.consumer(header.getConsumerGroup());
        List<MessageExt> messages = request.body() == null ? List.of() : PullApi.decodeMessages(request.body());
        ConsumeMessageDirectlyResult result = consumer == null || messages.isEmpty() ? null
                : consumer.consumeMessageDirectly(messages.get(0), header.getBrokerName());
        if (result == null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "The Consumer Group <"
                    + header.getConsumerGroup() + "> cannot consume the message directly in this consumer");
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null).body(BodyJson.encode(result));
    }

    /**
     * A reply to one of this client's requests: decoded as RocketMQ 4.9.8 builds it (body inflated when compressed,
     * {@code ARRIVE_TIME} added) and handed to the producers' reply table.
     */
    private RemotingCommand receiveReply(Channel channel, RemotingCommand request) throws Exception {
        long arrived = System.currentTimeMillis();
        ReplyMessageRequestHeader header = request.decodeHeader(ReplyMessageRequestHeader.class);
        Consumer<MessageExt> receiver = instance.replyReceiver();
        if (receiver == null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "process reply message fail: no producer of"
                    + " client " + instance.clientId() + " waits for replies");
        }
        MessageExt reply = new MessageExt();
        reply.setTopic(header.getTopic());
        reply.setQueueId(header.getQueueId());
        reply.setStoreTimestamp(header.getStoreTimestamp());
        reply.setBornHost(Channels.parse(header.getBornHost()));
        reply.setStoreHost(Channels.parse(header.getStoreHost()));
        byte[] body = request.body() == null ? new byte[0] : request.body();
        reply.setSysFlag(header.getSysFlag());
        reply.setBody((header.getSysFlag() & SysFlag.COMPRESSED) != 0 ? Compression.inflate(body) : body);
        reply.setFlag(header.getFlag());
        reply.setPropertiesString(header.getProperties());
        reply.putProperty(MessageProperty.REPLY_MESSAGE_ARRIVE_TIME, String.valueOf(arrived));
        reply.setBornTimestamp(header.getBornTimestamp());
        reply.setReconsumeTimes(header.getReconsumeTimes() == null ? 0 : header.getReconsumeTimes());
        LOG.debug("reply {} from {}", reply.getProperty(MessageProperty.CORRELATION_ID), channel.remoteAddress());
        receiver.accept(reply);
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private RemotingCommand runningInfo(RemotingCommand request) throws Exception {
        GetConsumerRunningInfoRequestHeader header = request.decodeHeader(GetConsumerRunningInfoRequestHeader.class);
        MQConsumerInner consumer = instance.consumer(header.getConsumerGroup());
        if (consumer == null) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                    "The Consumer Group <" + header.getConsumerGroup() + "> not exist in this consumer");
        }
        ConsumerRunningInfo info = consumer.runningInfo();
        return RemotingCommand.response(ResponseCode.SUCCESS, null).body(BodyJson.encode(info));
    }
}
