package io.apogee.broker.processor;

import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.client.ProducerManager;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.message.StoredProperties;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.message.MessageProperty;
import io.apogee.common.message.PropertiesCodec;
import io.apogee.common.message.MessageExt;
import io.apogee.common.topic.Permission;
import io.apogee.common.topic.SystemTopics;
import io.apogee.common.topic.TopicConfig;
import io.apogee.common.topic.TopicValidator;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.Channels;
import io.apogee.remoting.netty.NettyRemotingServer;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.Reply;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.ReplyMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeader;
import io.apogee.remoting.protocol.header.SendMessageRequestHeaderV2;
import io.apogee.remoting.protocol.header.SendMessageResponseHeader;
import io.apogee.store.MessageStore;
import io.apogee.store.PutMessageResult;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SEND_REPLY_MESSAGE (324) and SEND_REPLY_MESSAGE_V2 (325): a consumer's reply to a {@code request()} is pushed as
 * PUSH_REPLY_MESSAGE_TO_CLIENT (326) to the producer whose client id its {@code REPLY_TO_CLIENT} property names
 * (among the producers connected here), and, with {@code storeReplyMessageEnable}, also stored in the topic the reply
 * was sent to ({@code <cluster>_REPLY_TOPIC}).
 *
 * <p>As RocketMQ 4.9.7's {@code ReplyMessageProcessor}: the answer says whether the push reached the requester
 * (SUCCESS, or SYSTEM_ERROR with the reason); a store refusal is only logged. The push and the append run at once and
 * the answer waits for both, holding no thread.
 */
public final class ReplyMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyMessageProcessor.class);
    /** How long the requester may take to acknowledge a push (RocketMQ's {@code Broker2Client.callClient}). */
    static final long PUSH_TIMEOUT_MILLIS = 10_000;

    private final Supplier<BrokerConfig> config;
    private final TopicConfigManager topics;
    private final ProducerManager producers;
    private final MessageStore store;
    private final BrokerStats stats;
    private final InetSocketAddress storeHost;
    private final int maxMessageSize;
    private final NettyRemotingServer server;

    /** @param server the main port's server, which the requesting producers are connected to */
    public ReplyMessageProcessor(Supplier<BrokerConfig> config, TopicConfigManager topics, ProducerManager producers,
            MessageStore store, BrokerStats stats, InetSocketAddress storeHost, int maxMessageSize,
            NettyRemotingServer server) {
        this.config = config;
        this.topics = topics;
        this.producers = producers;
        this.store = store;
        this.stats = stats;
        this.storeHost = storeHost;
        this.maxMessageSize = maxMessageSize;
        this.server = server;
    }

    /** SEND_REPLY_MESSAGE (header V1) and SEND_REPLY_MESSAGE_V2 (header V2). */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.SEND_REPLY_MESSAGE, (channel, request) -> reply(channel, request,
                        request.decodeHeader(SendMessageRequestHeader.class)),
                RequestCode.SEND_REPLY_MESSAGE_V2, (channel, request) -> reply(channel, request,
                        request.decodeHeader(SendMessageRequestHeaderV2.class).toV1()));
    }

    private Reply reply(Channel channel, RemotingCommand request, SendMessageRequestHeader header) {
        RemotingCommand refused = checkBrokerAndName(header);
        if (refused != null) {
            return refused;
        }
        TopicConfig topic = resolveTopic(header);
        refused = checkTopic(channel, header, topic);
        if (refused != null) {
            return refused;
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > maxMessageSize) {
            return StatusResponses.error(ResponseCode.MESSAGE_ILLEGAL,
                    "the message body size over max value, MAX: " + maxMessageSize);
        }
        int queueId = header.getQueueId() == null || header.getQueueId() < 0
                ? ThreadLocalRandom.current().nextInt(Math.max(1, topic.getWriteQueueNums())) : header.getQueueId();
        String properties = header.getProperties() == null ? "" : header.getProperties();
        String clientId = PropertiesCodec.find(properties, MessageProperty.MESSAGE_REPLY_TO_CLIENT);
        CompletableFuture<String> pushed = clientId == null
                ? CompletableFuture.completedFuture("reply message properties[REPLY_TO_CLIENT] is null")
                : push(channel, header, clientId, body);
        CompletableFuture<PutMessageResult> stored = config.get().isStoreReplyMessageEnable()
                ? store.putMessage(message(channel, header, queueId, body, properties))
                : CompletableFuture.completedFuture(null);
        return Reply.later(pushed.thenCombine(stored.handle((result, failure) -> logged(header, result, failure)),
                (pushFailure, result) -> answer(queueId, pushFailure, result)));
    }

    /** The reply's topic, created from the default topic on the first reply as a send creates it when allowed. */
    private TopicConfig resolveTopic(SendMessageRequestHeader header) {
        int clientQueueNums = header.getDefaultTopicQueueNums() == null ? 4 : header.getDefaultTopicQueueNums();
        String defaultTopic = header.getDefaultTopic() == null ? SystemTopics.AUTO_CREATE_TOPIC_KEY
                : header.getDefaultTopic();
        return topics.createOnSend(header.getTopic(), defaultTopic, clientQueueNums, 0);
    }

    /** The checks of a send (RocketMQ's {@code msgCheck}), with a send's codes and remarks; {@code null} if none. */
    private RemotingCommand checkBrokerAndName(SendMessageRequestHeader header) {
        if (!Permission.isWriteable(config.get().getBrokerPermission())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "the broker[" + config.get().getBrokerName() + "] sending message is forbidden");
        }
        String problem = TopicValidator.problemWith(header.getTopic());
        if (problem != null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, problem);
        }
        if (SystemTopics.isNotAllowedToSend(header.getTopic())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "Sending message to topic[" + header.getTopic() + "] is forbidden.");
        }
        return null;
    }

    private RemotingCommand checkTopic(Channel channel, SendMessageRequestHeader header, TopicConfig topic) {
        if (topic == null) {
            return StatusResponses.error(ResponseCode.TOPIC_NOT_EXIST, "topic[" + header.getTopic()
                    + "] not exist, apply first please! replies go to " + config.get().getBrokerClusterName()
                    + SystemTopics.REPLY_TOPIC_SUFFIX);
        }
        if (!Permission.isWriteable(topic.getPerm())) {
            return StatusResponses.error(ResponseCode.NO_PERMISSION,
                    "the topic[" + header.getTopic() + "] sending message is forbidden");
        }
        int queueNums = Math.max(topic.getReadQueueNums(), topic.getWriteQueueNums());
        if (header.getQueueId() != null && header.getQueueId() >= queueNums) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, "request queueId[" + header.getQueueId()
                    + "] is illegal, " + topic + " Producer: " + Channels.remoteAddress(channel));
        }
        return null;
    }

    /**
     * Pushes the reply to the producer {@code clientId}.
     *
     * @return completes with {@code null} once the producer acknowledged it, else with why not
     */
    private CompletableFuture<String> push(Channel replier, SendMessageRequestHeader header, String clientId,
            byte[] body) {
        Channel requester = findProducer(clientId);
        if (requester == null) {
            String why = "push reply message fail, channel of <" + clientId + "> not found.";
            LOG.warn(why);
            return CompletableFuture.completedFuture(why);
        }
        RemotingCommand push = RemotingCommand.request(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT,
                pushHeader(replier, header)).body(body);
        CompletableFuture<String> acknowledged = new CompletableFuture<>();
        try {
            server.invokeAsync(requester, push, PUSH_TIMEOUT_MILLIS, (response, failure) ->
                    acknowledged.complete(pushOutcome(clientId, response, failure)));
        } catch (RemotingException e) {
            acknowledged.complete(pushOutcome(clientId, null, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acknowledged.complete("push reply message to " + clientId + " fail. interrupted");
        }
        return acknowledged;
    }

    private static String pushOutcome(String clientId, RemotingCommand response, RemotingException failure) {
        if (failure != null) {
            LOG.warn("push reply message to <{}> fail. {}", clientId, failure.getMessage());
            return "push reply message to " + clientId + " fail. " + failure.getMessage();
        }
        if (response.code() != ResponseCode.SUCCESS) {
            LOG.warn("push reply message to <{}> return fail, response remark: {}", clientId, response.remark());
            return "push reply message to " + clientId + " fail. the requester answered " + response.code() + " "
                    + response.remark();
        }
        return null;
    }

    /** The producer connection of {@code clientId}, or {@code null} when it is not connected here. */
    private Channel findProducer(String clientId) {
        for (Map<Channel, ClientChannelInfo> members : producers.groups().values()) {
            for (ClientChannelInfo client : members.values()) {
                if (client.clientId().equals(clientId) && client.channel().isActive()) {
                    return client.channel();
                }
            }
        }
        return null;
    }

    /** The reply's send header as RocketMQ pushes it, with {@code PUSH_REPLY_TIME} added to its properties. */
    private ReplyMessageRequestHeader pushHeader(Channel replier, SendMessageRequestHeader header) {
        Map<String, String> properties = PropertiesCodec.decode(header.getProperties());
        properties.put(MessageProperty.PUSH_REPLY_TIME, String.valueOf(System.currentTimeMillis()));
        ReplyMessageRequestHeader push = new ReplyMessageRequestHeader();
        push.setProducerGroup(header.getProducerGroup());
        push.setTopic(header.getTopic());
        push.setDefaultTopic(header.getDefaultTopic());
        push.setDefaultTopicQueueNums(header.getDefaultTopicQueueNums());
        push.setQueueId(header.getQueueId());
        push.setSysFlag(header.getSysFlag());
        push.setBornTimestamp(header.getBornTimestamp());
        push.setFlag(header.getFlag());
        push.setProperties(PropertiesCodec.encode(properties));
        push.setReconsumeTimes(header.getReconsumeTimes());
        push.setUnitMode(header.isUnitMode());
        push.setBornHost(Channels.remoteAddress(replier));
        push.setStoreHost(Channels.format(storeHost));
        push.setStoreTimestamp(System.currentTimeMillis());
        return push;
    }

    /** The reply as stored: its properties as sent (RocketMQ stores them unchanged, without {@code CLUSTER}). */
    private MessageExt message(Channel channel, SendMessageRequestHeader header, int queueId, byte[] body,
            String properties) {
        MessageExt m = new MessageExt();
        m.setTopic(header.getTopic());
        m.setQueueId(queueId);
        m.setBody(body);
        m.setFlag(header.getFlag() == null ? 0 : header.getFlag());
        m.setPropertiesString(properties);
        m.setSysFlag(header.getSysFlag() == null ? 0 : header.getSysFlag());
        m.setBornTimestamp(header.getBornTimestamp() == null ? System.currentTimeMillis() : header.getBornTimestamp());
        m.setBornHost((InetSocketAddress) channel.remoteAddress());
        m.setStoreHost(storeHost);
        m.setReconsumeTimes(header.getReconsumeTimes() == null ? 0 : header.getReconsumeTimes());
        m.setAppendWaitsForFlush(StoredProperties.waitStoreMsgOk(properties));
        return m;
    }

    /** The append's result when it stored the reply, else {@code null} after logging why not. */
    private PutMessageResult logged(SendMessageRequestHeader header, PutMessageResult result, Throwable failure) {
        if (result == null && failure == null) {
            return null;
        }
        RemotingCommand refusal = StatusResponses.putRefusal(result, failure, maxMessageSize,
                store::describeDiskUse);
        if (refusal != null) {
            stats.recordPutFailure();
            LOG.warn("reply message to topic {} not stored: {}", header.getTopic(), refusal.remark());
            return null;
        }
        stats.recordPut(header.getTopic(), result.msgNum(), result.wroteBytes());
        return result;
    }

    /** SUCCESS once pushed (with the stored position, if stored), else SYSTEM_ERROR saying why. */
    private RemotingCommand answer(int queueId, String pushFailure, PutMessageResult stored) {
        if (pushFailure != null) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR, pushFailure);
        }
        SendMessageResponseHeader header = new SendMessageResponseHeader();
        header.setMsgId(stored == null ? "0" : stored.msgId());
        header.setQueueId(queueId);
        header.setQueueOffset(stored == null ? 0L : stored.queueOffset());
        return RemotingCommand.response(header).code(ResponseCode.SUCCESS)
                .addExtField(MessageProperty.MSG_REGION, config.get().getRegionId())
                .addExtField(MessageProperty.TRACE_SWITCH, String.valueOf(config.get().isTraceOn()));
    }
}
