package io.apogee.broker.processor;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.common.message.OffsetMessageId;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.exception.RemotingTimeoutException;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.GetConsumerStatusBody;
import io.apogee.remoting.protocol.header.ConsumeMessageDirectlyResultRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerRunningInfoRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerStatusRequestHeader;
import io.apogee.store.MessageStore;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin calls the broker relays to one consumer over that consumer's own connection: GET_CONSUMER_RUNNING_INFO and
 * CONSUME_MESSAGE_DIRECTLY (with the message loaded from the offset id and the broker name added); and
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS, asked of every member (or the one named) as GET_CONSUMER_STATUS_FROM_CLIENT
 * and answered with each member's offsets.
 */
public final class ConsumerRelayProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRelayProcessor.class);
    private static final long RELAY_TIMEOUT_MILLIS = 10_000;
    private static final long STATUS_TIMEOUT_MILLIS = 5_000;

    private final BrokerConfig config;
    private final ConsumerManager consumers;
    private final MessageStore store;
    private final NettyRemotingServer server;

    public ConsumerRelayProcessor(BrokerConfig config, ConsumerManager consumers, MessageStore store,
            NettyRemotingServer server) {
        this.config = config;
        this.consumers = consumers;
        this.store = store;
        this.server = server;
    }

    /** GET_CONSUMER_RUNNING_INFO, CONSUME_MESSAGE_DIRECTLY and INVOKE_BROKER_TO_GET_CONSUMER_STATUS. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.GET_CONSUMER_RUNNING_INFO, (channel, request) -> runningInfo(request),
                RequestCode.CONSUME_MESSAGE_DIRECTLY, (channel, request) -> consumeDirectly(request),
                RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS, (channel, request) ->
                        consumerStatus(request.decodeHeader(GetConsumerStatusRequestHeader.class)));
    }

    private RemotingCommand runningInfo(RemotingCommand request)
            throws RemotingCommandException, InterruptedException {
        GetConsumerRunningInfoRequestHeader h = request.decodeHeader(GetConsumerRunningInfoRequestHeader.class);
        return relay(h.getConsumerGroup(), h.getClientId(), relayed(request));
    }

    /** The message loaded from its offset id travels as the relayed body, with this broker's name added. */
    private RemotingCommand consumeDirectly(RemotingCommand request)
            throws RemotingCommandException, InterruptedException {
        ConsumeMessageDirectlyResultRequestHeader h =
                request.decodeHeader(ConsumeMessageDirectlyResultRequestHeader.class);
        ByteBuffer message = h.getMsgId() == null ? null
                : store.selectOneMessageByOffset(OffsetMessageId.decode(h.getMsgId()).commitLogOffset());
        if (message == null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "can not find message by id " + h.getMsgId());
        }
        RemotingCommand relayed = relayed(request).bodySlices(List.of(message))
                .addExtField("brokerName", config.getBrokerName());
        return relay(h.getConsumerGroup(), h.getClientId(), relayed);
    }

    /** A copy of {@code request} to send on: same code, extFields and body, a new opaque. */
    private static RemotingCommand relayed(RemotingCommand request) {
        return RemotingCommand.request(request.code(), null)
                .extFields(request.extFields() == null ? new HashMap<>() : new HashMap<>(request.extFields()))
                .body(request.body());
    }

    /** Sends {@code relayed} to the consumer and answers with its response. */
    private RemotingCommand relay(String group, String clientId, RemotingCommand relayed)
            throws InterruptedException {
        Channel target = find(group, clientId);
        if (target == null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "The Consumer <" + group + "> <" + clientId + "> not online");
        }
        try {
            return server.invokeSync(target, relayed, RELAY_TIMEOUT_MILLIS);
        } catch (RemotingTimeoutException e) {
            return StatusResponses.error(ResponseCode.CONSUME_MSG_TIMEOUT, "consumer <" + clientId
                    + "> did not answer in time: " + e.getMessage());
        } catch (RemotingException e) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "relay to consumer <" + clientId + "> failed: "
                    + e.getMessage());
        }
    }

    private RemotingCommand consumerStatus(GetConsumerStatusRequestHeader header) throws InterruptedException {
        ConsumerGroupInfo info = consumers.group(header.getGroup());
        if (info == null || info.isEmpty()) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "No Any Consumer online in the consumer group: [" + header.getGroup() + "]");
        }
        String only = header.getClientAddr();
        GetConsumerStatusBody answer = new GetConsumerStatusBody();
        for (ClientChannelInfo client : info.channels()) {
            if (only != null && !only.isEmpty() && !only.equals(client.clientId())) {
                continue;
            }
            GetConsumerStatusRequestHeader asked = new GetConsumerStatusRequestHeader();
            asked.setTopic(header.getTopic());
            asked.setGroup(header.getGroup());
            asked.setClientAddr(client.clientId());
            try {
                RemotingCommand reply = server.invokeSync(client.channel(), RemotingCommand.request(
                        RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, asked), STATUS_TIMEOUT_MILLIS);
                if (reply.code() == ResponseCode.SUCCESS && reply.body() != null) {
                    answer.getConsumerTable().put(client.clientId(),
                            GetConsumerStatusBody.decode(reply.body()).getMessageQueueTable());
                } else {
                    LOG.warn("consumer {} of group {} did not give its status: {} {}", client.clientId(),
                            header.getGroup(), reply.code(), reply.remark());
                }
            } catch (RemotingException e) {
                LOG.warn("consumer {} of group {} did not give its status: {}", client.clientId(), header.getGroup(),
                        e.getMessage());
            }
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null).body(answer.encode());
    }

    private Channel find(String group, String clientId) {
        ConsumerGroupInfo info = consumers.group(group);
        if (info == null) {
            return null;
        }
        for (ClientChannelInfo client : info.channels()) {
            if (client.clientId().equals(clientId)) {
                return client.channel();
            }
        }
        return null;
    }
}
