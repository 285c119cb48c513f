package io.apogee.broker.processor;

import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.client.ProducerManager;
import io.apogee.broker.filter.PropertyFilters;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.common.topic.SystemTopics;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.CheckClientRequestBody;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.remoting.protocol.header.UnregisterClientRequestHeader;
import io.apogee.remoting.protocol.heartbeat.ConsumerData;
import io.apogee.remoting.protocol.heartbeat.HeartbeatData;
import io.apogee.remoting.protocol.heartbeat.ProducerData;
import io.apogee.common.consumer.SubscriptionData;
import io.apogee.common.topic.Permission;
import io.netty.channel.Channel;
import java.util.Map;

/**
 * HEART_BEAT, UNREGISTER_CLIENT and CHECK_CLIENT_CONFIG: keeps the producer and consumer tables, creating a new
 * consumer group's settings and retry topic on its first heartbeat. SQL92 subscriptions are compiled as they arrive;
 * a heartbeat is answered SUCCESS whatever they hold (as RocketMQ), CHECK_CLIENT_CONFIG (which the official push
 * consumer sends before it starts) and pulls refuse one that is not served or does not compile.
 */
public final class ClientManageProcessor {

    private final ProducerManager producers;
    private final ConsumerManager consumers;
    private final SubscriptionGroupManager groups;
    private final TopicConfigManager topics;
    private final PropertyFilters propertyFilters;

    public ClientManageProcessor(ProducerManager producers, ConsumerManager consumers,
            SubscriptionGroupManager groups, TopicConfigManager topics, PropertyFilters propertyFilters) {
        this.producers = producers;
        this.consumers = consumers;
        this.groups = groups;
        this.topics = topics;
        this.propertyFilters = propertyFilters;
    }

    /** HEART_BEAT, UNREGISTER_CLIENT and CHECK_CLIENT_CONFIG, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.HEART_BEAT, this::heartbeat,
                RequestCode.UNREGISTER_CLIENT, this::unregister,
                RequestCode.CHECK_CLIENT_CONFIG, (channel, request) -> checkClientConfig(request));
    }

    private RemotingCommand heartbeat(Channel channel, RemotingCommand request) throws RemotingCommandException {
        if (request.body() == null) {
            throw new RemotingCommandException("HEART_BEAT without a HeartbeatData body");
        }
        HeartbeatData heartbeat = HeartbeatData.decode(request.body());
        ClientChannelInfo client = new ClientChannelInfo(channel, heartbeat.getClientID(), request.language(),
                request.version());
        for (ConsumerData consumer : heartbeat.getConsumerDataSet()) {
            SubscriptionGroupConfig group = groups.findOrCreate(consumer.getGroupName());
            if (group != null) {
                topics.createInternal(SystemTopics.retryTopic(consumer.getGroupName()), group.getRetryQueueNums(),
                        Permission.READ_WRITE);
            }
            consumers.register(consumer.getGroupName(), client, consumer.getConsumeType(),
                    consumer.getMessageModel(), consumer.getConsumeFromWhere(), consumer.getSubscriptionDataSet());
            for (SubscriptionData data : consumer.getSubscriptionDataSet()) {
                if (!PropertyFilters.isTagType(data.getExpressionType())) {
                    propertyFilters.compile(data.getExpressionType(), data.getSubString());
                }
            }
        }
        for (ProducerData producer : heartbeat.getProducerDataSet()) {
            producers.register(producer.getGroupName(), client);
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private RemotingCommand unregister(Channel channel, RemotingCommand request) throws RemotingCommandException {
        UnregisterClientRequestHeader header = request.decodeHeader(UnregisterClientRequestHeader.class);
        if (header.getProducerGroup() != null) {
            producers.unregister(header.getProducerGroup(), channel);
        }
        if (header.getConsumerGroup() != null) {
            consumers.unregister(header.getConsumerGroup(), channel);
        }
        return RemotingCommand.response(null);
    }

    /** SUCCESS for a tag subscription or a SQL92 one this broker serves and compiles, else the pull's refusal. */
    private RemotingCommand checkClientConfig(RemotingCommand request) throws RemotingCommandException {
        if (request.body() != null) {
            SubscriptionData data = BodyJson.decode(request.body(), CheckClientRequestBody.class)
                    .getSubscriptionData();
            if (data != null && !PropertyFilters.isTagType(data.getExpressionType())) {
                PropertyFilters.Outcome outcome = propertyFilters.compile(data.getExpressionType(),
                        data.getSubString());
                if (outcome.filter() == null) {
                    return StatusResponses.error(outcome.code(), outcome.remark());
                }
            }
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }
}
