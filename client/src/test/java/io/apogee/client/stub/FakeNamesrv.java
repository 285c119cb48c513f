package io.apogee.client.stub;

import io.apogee.common.route.BrokerData;
import io.apogee.common.route.QueueData;
import io.apogee.common.route.TopicRouteData;
import io.apogee.common.topic.Permission;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A NameServer that answers GET_ROUTEINFO_BY_TOPIC from routes the test puts (TOPIC_NOT_EXIST for others). */
public final class FakeNamesrv implements AutoCloseable {

    private final Map<String, TopicRouteData> routes = new ConcurrentHashMap<>();
    private final StubServer server;

    public FakeNamesrv() {
        server = new StubServer().on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (channel, request) -> {
            String topic = request.decodeHeader(GetRouteInfoRequestHeader.class).topic();
            TopicRouteData route = routes.get(topic);
            return route == null ? RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST, "No topic route info")
                    : RemotingCommand.response(ResponseCode.SUCCESS, null).body(BodyJson.encode(route));
        }).start();
    }

    /**
     * A route with {@code queues} read-write queues on each master of {@code brokers}.
     *
     * @param brokers each broker's name and its masters' (id 0) and slaves' addresses by broker id
     */
    public static TopicRouteData route(int queues, Map<String, Map<Long, String>> brokers) {
        List<QueueData> queueDatas = new ArrayList<>();
        List<BrokerData> brokerDatas = new ArrayList<>();
        brokers.forEach((name, addrs) -> {
            queueDatas.add(new QueueData(name, queues, queues, Permission.READ_WRITE, 0));
            brokerDatas.add(new BrokerData("TestCluster", name, Map.copyOf(addrs)));
        });
        return new TopicRouteData(null, queueDatas, brokerDatas, Map.of());
    }

    /** A route with {@code queues} queues on each broker, masters only. */
    public static TopicRouteData route(int queues, FakeBroker... brokers) {
        Map<String, Map<Long, String>> byName = new LinkedHashMap<>();
        for (FakeBroker broker : brokers) {
            byName.put(broker.name(), Map.of(BrokerData.MASTER_ID, broker.address()));
        }
        return route(queues, byName);
    }

    public void putRoute(String topic, TopicRouteData route) {
        routes.put(topic, route);
    }

    public void removeRoute(String topic) {
        routes.remove(topic);
    }

    public String address() {
        return server.address();
    }

    /** How many routes were asked for. */
    public int routeRequests() {
        return server.count(RequestCode.GET_ROUTEINFO_BY_TOPIC);
    }

    @Override
    public void close() {
        server.close();
    }
}
