package io.apogee.namesrv.processor;

import io.apogee.namesrv.kv.KvConfigStore;
import io.apogee.namesrv.route.BrokerRegistration;
import io.apogee.namesrv.route.RegistrationResult;
import io.apogee.namesrv.route.RouteTable;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.DataVersion;
import io.apogee.remoting.protocol.body.KvTable;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBodyCodec;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.namesrv.QueryDataVersionRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.QueryDataVersionResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.UnregisterBrokerRequestHeader;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;

/** Brokers joining, leaving and checking in: REGISTER_BROKER, UNREGISTER_BROKER, QUERY_DATA_VERSION. */
public final class BrokerRegistrationProcessor {

    /** Requests of older versions (below RocketMQ's V3_0_11) carry a bare topic-config wrapper as body. */
    static final int VERSION_WITH_REGISTER_BODY = 37;

    private final RouteTable routeTable;
    private final KvConfigStore kvConfig;

    public BrokerRegistrationProcessor(RouteTable routeTable, KvConfigStore kvConfig) {
        this.routeTable = routeTable;
        this.kvConfig = kvConfig;
    }

    /** The codes of this family, each with its handler. */
    public Map<Integer, RequestProcessor> handlers() {
        return Map.of(
                RequestCode.REGISTER_BROKER, this::register,
                RequestCode.UNREGISTER_BROKER, (channel, request) -> unregister(request),
                RequestCode.QUERY_DATA_VERSION, (channel, request) -> queryDataVersion(request));
    }

    private RemotingCommand register(Channel channel, RemotingCommand request) throws RemotingCommandException {
        RegisterBrokerRequestHeader header = request.decodeHeader(RegisterBrokerRequestHeader.class);
        int declaredCrc = header.bodyCrc32();
        if (declaredCrc != 0) {
            int actualCrc = RegisterBrokerBodyCodec.crc32(request.body());
            if (declaredCrc != actualCrc) {
                return NamesrvResponses.crcMismatch(declaredCrc, actualCrc);
            }
        }
        RegisterBrokerBody body = registerBody(header, request);
        RegistrationResult result = routeTable.register(new BrokerRegistration(header.clusterName(),
                header.brokerName(), header.brokerId(), header.brokerAddr(), header.haServerAddr(),
                body.topicConfigSerializeWrapper(), body.filterServerList()), channel, System.currentTimeMillis());
        RemotingCommand response = RemotingCommand.response(
                new RegisterBrokerResponseHeader(result.masterAddr(), result.haServerAddr()));
        kvConfig.namespace(KvConfigStore.ORDER_TOPIC_CONFIG_NAMESPACE)
                .ifPresent(orderTopics -> response.body(BodyJson.encode(new KvTable(orderTopics))));
        return response;
    }

    /** The body in whichever form the request used, with absent parts filled in; no body = no topics. */
    private static RegisterBrokerBody registerBody(RegisterBrokerRequestHeader header, RemotingCommand request)
            throws RemotingCommandException {
        if (request.body() == null || request.body().length == 0) {
            return new RegisterBrokerBody(new TopicConfigSerializeWrapper(Map.of(), new DataVersion(0, 0)),
                    List.of());
        }
        RegisterBrokerBody body = request.version() >= VERSION_WITH_REGISTER_BODY
                ? RegisterBrokerBodyCodec.decode(request.body(), header.compressed())
                : new RegisterBrokerBody(BodyJson.decode(request.body(), TopicConfigSerializeWrapper.class), null);
        TopicConfigSerializeWrapper topics = body.topicConfigSerializeWrapper();
        return new RegisterBrokerBody(new TopicConfigSerializeWrapper(
                topics.topicConfigTable() == null ? Map.of() : topics.topicConfigTable(),
                topics.dataVersion() == null ? new DataVersion(0, 0) : topics.dataVersion()),
                body.filterServerList() == null ? List.of() : body.filterServerList());
    }

    private RemotingCommand unregister(RemotingCommand request) throws RemotingCommandException {
        UnregisterBrokerRequestHeader header = request.decodeHeader(UnregisterBrokerRequestHeader.class);
        routeTable.unregister(header.brokerName(), header.brokerId(), header.brokerAddr());
        return NamesrvResponses.success();
    }

    private RemotingCommand queryDataVersion(RemotingCommand request) throws RemotingCommandException {
        QueryDataVersionRequestHeader header = request.decodeHeader(QueryDataVersionRequestHeader.class);
        DataVersion brokerVersion = BodyJson.decode(request.body(), DataVersion.class);
        RouteTable.DataVersionCheck check = routeTable.checkDataVersion(header.brokerAddr(), brokerVersion,
                System.currentTimeMillis());
        RemotingCommand response = RemotingCommand.response(new QueryDataVersionResponseHeader(check.changed()));
        if (check.held() != null) {
            response.body(BodyJson.encode(check.held()));
        }
        return response;
    }
}
