package io.apogee.namesrv.processor;

import io.apogee.namesrv.config.NamesrvConfig;
import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.namesrv.route.RouteTable;
import io.apogee.namesrv.route.TopicQueries;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.TopicList;
import io.apogee.remoting.protocol.header.namesrv.AddWritePermOfBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.AddWritePermOfBrokerResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetTopicsByClusterRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerResponseHeader;
import io.apogee.common.topic.Permission;
import io.apogee.common.route.TopicRouteData;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Routes and topics: a topic's route, cluster info, the topic lists, and the route edits the tools make (delete a
 * topic, wipe or restore a broker's write permission).
 */
public final class RouteProcessor {

    /** Requests from this version on (RocketMQ's V4_9_4) get route bodies in standard JSON. */
    static final int VERSION_ACCEPTING_STANDARD_JSON = 401;

    private final RouteTable routeTable;
    private final TopicQueries topicQueries;
    private final KvConfigStore kvConfig;
    /** The config in force: {@code orderMessageEnable} is read per lookup. */
    private final Supplier<NamesrvConfig> config;

    public RouteProcessor(RouteTable routeTable, KvConfigStore kvConfig, Supplier<NamesrvConfig> config) {
        this.routeTable = routeTable;
        this.topicQueries = new TopicQueries(routeTable);
        this.kvConfig = kvConfig;
        this.config = config;
    }

    /**
     * The admin codes of this family, each with its handler; {@link #route} (GET_ROUTEINFO_BY_TOPIC, the clients'
     * frequent request) is registered on its own executor.
     */
    public Map<Integer, RequestProcessor> adminHandlers() {
        return Map.of(
                RequestCode.GET_BROKER_CLUSTER_INFO, (channel, request) ->
                        withBody(BodyJson.encode(routeTable.clusterInfo())),
                RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, (channel, request) ->
                        topics(topicQueries.allTopics()),
                RequestCode.GET_TOPICS_BY_CLUSTER, (channel, request) -> topics(topicQueries.topicsOfCluster(
                        request.decodeHeader(GetTopicsByClusterRequestHeader.class).cluster())),
                RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, (channel, request) -> topics(topicQueries.systemTopics()),
                RequestCode.GET_UNIT_TOPIC_LIST, (channel, request) -> topics(topicQueries.unitTopics()),
                RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, (channel, request) ->
                        topics(topicQueries.topicsWithUnitSubscribers()),
                RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST, (channel, request) ->
                        topics(topicQueries.nonUnitTopicsWithUnitSubscribers()),
                RequestCode.DELETE_TOPIC_IN_NAMESRV, (channel, request) -> deleteTopic(request),
                RequestCode.WIPE_WRITE_PERM_OF_BROKER, (channel, request) -> wipeWritePerm(request),
                RequestCode.ADD_WRITE_PERM_OF_BROKER, (channel, request) -> addWritePerm(request));
    }

    /** GET_ROUTEINFO_BY_TOPIC: the topic's route, in standard JSON for clients that ask for it. */
    public RemotingCommand route(Channel channel, RemotingCommand request) throws RemotingCommandException {
        GetRouteInfoRequestHeader header = request.decodeHeader(GetRouteInfoRequestHeader.class);
        Optional<TopicRouteData> found = routeTable.route(header.topic());
        if (found.isEmpty()) {
            return NamesrvResponses.topicNotExist(header.topic());
        }
        TopicRouteData route = found.get();
        if (config.get().orderMessageEnable()) {
            String orderTopicConf = kvConfig.get(KvConfigStore.ORDER_TOPIC_CONFIG_NAMESPACE, header.topic())
                    .orElse(null);
            route = new TopicRouteData(orderTopicConf, route.queueDatas(), route.brokerDatas(),
                    route.filterServerTable());
        }
        boolean standardJson = request.version() >= VERSION_ACCEPTING_STANDARD_JSON
                || header.acceptStandardJsonOnly();
        return withBody(standardJson ? BodyJson.encodeStandard(route) : BodyJson.encode(route));
    }

    private RemotingCommand deleteTopic(RemotingCommand request) throws RemotingCommandException {
        DeleteTopicFromNamesrvRequestHeader header = request.decodeHeader(DeleteTopicFromNamesrvRequestHeader.class);
        routeTable.deleteTopic(header.topic(), header.clusterName());
        return NamesrvResponses.success();
    }

    private RemotingCommand wipeWritePerm(RemotingCommand request) throws RemotingCommandException {
        String brokerName = request.decodeHeader(WipeWritePermOfBrokerRequestHeader.class).brokerName();
        int topics = routeTable.updatePermOfBroker(brokerName, perm -> perm & ~Permission.WRITE);
        return RemotingCommand.response(new WipeWritePermOfBrokerResponseHeader(topics));
    }

    private RemotingCommand addWritePerm(RemotingCommand request) throws RemotingCommandException {
        String brokerName = request.decodeHeader(AddWritePermOfBrokerRequestHeader.class).brokerName();
        int topics = routeTable.updatePermOfBroker(brokerName, perm -> Permission.READ_WRITE);
        return RemotingCommand.response(new AddWritePermOfBrokerResponseHeader(topics));
    }

    private static RemotingCommand topics(TopicList topics) {
        return withBody(BodyJson.encode(topics));
    }

    private static RemotingCommand withBody(byte[] body) {
        return NamesrvResponses.success().body(body);
    }
}
