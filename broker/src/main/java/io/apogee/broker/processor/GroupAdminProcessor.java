package io.apogee.broker.processor;

import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.config.BrokerRole;
import io.apogee.broker.client.ClientChannelInfo;
import io.apogee.broker.client.ConsumerGroupInfo;
import io.apogee.broker.client.ConsumerManager;
import io.apogee.broker.client.ProducerManager;
import io.apogee.broker.group.SubscriptionGroupManager;
import io.apogee.broker.offset.ConsumerOffsetManager;
import io.apogee.broker.slave.MasterLink;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicConfigManager;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.netty.Channels;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.common.admin.Connection;
import io.apogee.common.admin.ConsumeStats;
import io.apogee.common.admin.ConsumerConnection;
import io.apogee.common.admin.ProducerConnection;
import io.apogee.common.admin.SubscriptionGroupConfig;
import io.apogee.remoting.protocol.body.ProducerInfo;
import io.apogee.remoting.protocol.body.ProducerTableInfo;
import io.apogee.remoting.protocol.body.QuerySubscriptionResponseBody;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.remoting.protocol.header.DeleteSubscriptionGroupRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumeStatsRequestHeader;
import io.apogee.remoting.protocol.header.GetConsumerConnectionListRequestHeader;
import io.apogee.remoting.protocol.header.GetProducerConnectionListRequestHeader;
import io.apogee.remoting.protocol.header.GroupRequestHeader;
import io.apogee.remoting.protocol.header.QuerySubscriptionByConsumerRequestHeader;
import io.apogee.store.MessageStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subscription groups and what they are doing: UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
 * GET_ALL_SUBSCRIPTIONGROUP_CONFIG, DELETE_SUBSCRIPTIONGROUP, GET_CONSUME_STATS, GET_CONSUMER_CONNECTION_LIST and
 * GET_PRODUCER_CONNECTION_LIST, GET_ALL_PRODUCER_INFO, and RocketMQ 5's QUERY_TOPICS_BY_CONSUMER,
 * QUERY_SUBSCRIPTION_BY_CONSUMER and GET_SUBSCRIPTIONGROUP_CONFIG.
 */
public final class GroupAdminProcessor {

    private final BrokerConfig config;
    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;
    private final ConsumerManager consumers;
    private final ProducerManager producers;
    private final MessageStore store;
    private final ConsumeStatsReader consumeStatsReader;
    private final MasterLink master;

    /**
     * @param master a slave's master, named when it refuses changes
     */
    public GroupAdminProcessor(BrokerConfig config, SubscriptionGroupManager groups, TopicConfigManager topics,
            ConsumerOffsetManager offsets, ConsumerManager consumers, ProducerManager producers, MessageStore store,
            BrokerStats stats, MasterLink master) {
        this.config = config;
        this.groups = groups;
        this.offsets = offsets;
        this.consumers = consumers;
        this.producers = producers;
        this.store = store;
        this.consumeStatsReader = new ConsumeStatsReader(config.getBrokerName(), topics, offsets, store, stats);
        this.master = master;
    }

    /** The subscription group codes, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, (channel, request) -> updateGroup(request),
                RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, (channel, request) -> RemotingCommand.response(null)
                        .body(groups.snapshot().encode()),
                RequestCode.DELETE_SUBSCRIPTIONGROUP, (channel, request) -> deleteGroup(request),
                RequestCode.GET_CONSUME_STATS, (channel, request) -> consumeStats(request),
                RequestCode.GET_CONSUMER_CONNECTION_LIST, (channel, request) -> consumerConnections(request),
                RequestCode.GET_PRODUCER_CONNECTION_LIST, (channel, request) -> producerConnections(request),
                RequestCode.GET_ALL_PRODUCER_INFO, (channel, request) -> RemotingCommand.response(null)
                        .body(allProducers().encode()),
                RequestCode.QUERY_TOPICS_BY_CONSUMER, (channel, request) -> topicsByConsumer(request),
                RequestCode.QUERY_SUBSCRIPTION_BY_CONSUMER, (channel, request) -> subscriptionOf(request),
                RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG, (channel, request) -> groupConfig(request));
    }

    /** The online consumers' subscription of a group to a topic; RocketMQ answers success with none as well. */
    private RemotingCommand subscriptionOf(RemotingCommand request) throws RemotingCommandException {
        QuerySubscriptionByConsumerRequestHeader h =
                request.decodeHeader(QuerySubscriptionByConsumerRequestHeader.class);
        QuerySubscriptionResponseBody body = new QuerySubscriptionResponseBody(
                consumers.subscription(h.getGroup(), h.getTopic()), h.getGroup(), h.getTopic());
        return RemotingCommand.response(null).body(BodyJson.encode(body));
    }

    /**
     * One group's settings. RocketMQ 5 auto-creates an unknown group here when auto-creation is on; a read does not
     * create anything on our broker, so an unknown group is always SUBSCRIPTION_GROUP_NOT_EXIST.
     */
    private RemotingCommand groupConfig(RemotingCommand request) throws RemotingCommandException {
        GroupRequestHeader h = request.decodeHeader(GroupRequestHeader.class);
        SubscriptionGroupConfig group = groups.find(h.getGroup());
        if (group == null) {
            return StatusResponses.error(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "No group in this broker");
        }
        return RemotingCommand.response(null).body(BodyJson.encode(group));
    }

    /** The topics the group has committed offsets in (RocketMQ 5's admin reads only the names). */
    private RemotingCommand topicsByConsumer(RemotingCommand request) throws RemotingCommandException {
        GroupRequestHeader h = request.decodeHeader(GroupRequestHeader.class);
        TopicList body = new TopicList(new HashSet<>(offsets.topicsOf(h.getGroup())));
        return RemotingCommand.response(null).body(BodyJson.encode(body));
    }

    private RemotingCommand updateGroup(RemotingCommand request) throws RemotingCommandException {
        if (config.getBrokerRole() == BrokerRole.SLAVE) {
            return StatusResponses.slaveAdminRefusal(master);
        }
        if (request.body() == null) {
            throw new RemotingCommandException("UPDATE_AND_CREATE_SUBSCRIPTIONGROUP without a body");
        }
        SubscriptionGroupConfig group = BodyJson.decode(request.body(), SubscriptionGroupConfig.class);
        if (group == null || group.getGroupName() == null || group.getGroupName().isBlank()) {
            throw new RemotingCommandException("the subscription group config has no groupName");
        }
        groups.update(group);
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    private RemotingCommand deleteGroup(RemotingCommand request) throws RemotingCommandException {
        if (config.getBrokerRole() == BrokerRole.SLAVE) {
            return StatusResponses.slaveAdminRefusal(master);
        }
        DeleteSubscriptionGroupRequestHeader h = request.decodeHeader(DeleteSubscriptionGroupRequestHeader.class);
        groups.delete(h.getGroupName());
        if (h.isRemoveOffset()) {
            offsets.removeGroup(h.getGroupName());
        }
        return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }

    /** Per queue: the broker's max offset against the group's committed offset (the lag tools show). */
    private RemotingCommand consumeStats(RemotingCommand request) throws RemotingCommandException {
        GetConsumeStatsRequestHeader h = request.decodeHeader(GetConsumeStatsRequestHeader.class);
        Set<String> topicNames = h.getTopic() == null || h.getTopic().isBlank()
                ? offsets.topicsOf(h.getConsumerGroup()) : Set.of(h.getTopic());
        store.awaitDispatched();
        ConsumeStats consumeStats = consumeStatsReader.read(h.getConsumerGroup(), topicNames);
        return RemotingCommand.response(null).body(BodyJson.encode(consumeStats));
    }

    private RemotingCommand consumerConnections(RemotingCommand request) throws RemotingCommandException {
        GetConsumerConnectionListRequestHeader h =
                request.decodeHeader(GetConsumerConnectionListRequestHeader.class);
        ConsumerGroupInfo info = consumers.group(h.getConsumerGroup());
        if (info == null || info.isEmpty()) {
            return StatusResponses.error(ResponseCode.CONSUMER_NOT_ONLINE,
                    "the consumer group[" + h.getConsumerGroup() + "] not online");
        }
        ConsumerConnection body = new ConsumerConnection();
        body.setConnectionSet(connections(info.channels()));
        body.setSubscriptionTable(new HashMap<>(info.subscriptions()));
        body.setConsumeType(info.consumeType());
        body.setMessageModel(info.messageModel());
        body.setConsumeFromWhere(info.consumeFromWhere());
        return RemotingCommand.response(null).body(BodyJson.encode(body));
    }

    private RemotingCommand producerConnections(RemotingCommand request) throws RemotingCommandException {
        GetProducerConnectionListRequestHeader h =
                request.decodeHeader(GetProducerConnectionListRequestHeader.class);
        var members = producers.producers(h.getProducerGroup());
        if (members.isEmpty()) {
            return StatusResponses.error(ResponseCode.SYSTEM_ERROR,
                    "the producer group[" + h.getProducerGroup() + "] not exist");
        }
        ProducerConnection body = new ProducerConnection();
        body.setConnectionSet(connections(members));
        return RemotingCommand.response(null).body(BodyJson.encode(body));
    }

    /** Every producer group with its clients, RocketMQ's {@code ProducerTableInfo}. */
    private ProducerTableInfo allProducers() {
        ProducerTableInfo table = new ProducerTableInfo();
        producers.groups().forEach((group, members) -> {
            List<ProducerInfo> infos = new ArrayList<>();
            for (ClientChannelInfo client : members.values()) {
                ProducerInfo info = new ProducerInfo();
                info.setClientId(client.clientId());
                info.setRemoteIP(String.valueOf(client.channel().remoteAddress()));
                info.setLanguage(client.language());
                info.setVersion(client.version());
                info.setLastUpdateTimestamp(client.lastUpdateMillis());
                infos.add(info);
            }
            if (!infos.isEmpty()) {
                table.getData().put(group, infos);
            }
        });
        return table;
    }

    private static Set<Connection> connections(Iterable<ClientChannelInfo> clients) {
        Set<Connection> set = new HashSet<>();
        for (ClientChannelInfo client : clients) {
            Connection c = new Connection();
            c.setClientId(client.clientId());
            c.setClientAddr(Channels.remoteAddress(client.channel()));
            c.setLanguage(client.language());
            c.setVersion(client.version());
            set.add(c);
        }
        return set;
    }
}
