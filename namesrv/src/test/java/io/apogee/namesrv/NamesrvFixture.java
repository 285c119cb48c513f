package io.apogee.namesrv;

import io.apogee.namesrv.config.NamesrvConfigs;
import io.apogee.remoting.netty.NettyClientConfig;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.DataVersion;
import io.apogee.remoting.protocol.body.RegisterBrokerBody;
import io.apogee.remoting.protocol.body.RegisterBrokerBodyCodec;
import io.apogee.common.topic.TopicConfig;
import io.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import io.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.apogee.common.route.TopicRouteData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A NameServer on an ephemeral loopback port with its files in {@code home}, and a client; close stops both. The
 * shared cluster fixture ({@code test-support}'s {@code TestCluster}) depends on this module, so NameServer tests
 * keep this small helper instead.
 */
final class NamesrvFixture implements AutoCloseable {

    /** Of every call: far above a loopback round trip, so that only a hung server fails it on a loaded machine. */
    static final long TIMEOUT_MILLIS = 15_000;

    final NamesrvController controller;
    final NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig(), null);
    final String address;

    NamesrvFixture(Path home) throws IOException {
        this(home, Map.of());
    }

    /** @param keys NameServer keys applied over the fixture's own (files in {@code home}, loopback, port 0) */
    NamesrvFixture(Path home, Map<String, ?> keys) throws IOException {
        Properties p = new Properties();
        p.setProperty("kvConfigPath", home.resolve("kvConfig.json").toString());
        p.setProperty("configStorePath", home.resolve("namesrv.properties").toString());
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("listenPort", "0");
        keys.forEach((key, value) -> p.setProperty(key, String.valueOf(value)));
        controller = new NamesrvController(NamesrvConfigs.bind(p));
        try {
            controller.start();
        } catch (IOException | RuntimeException e) {
            controller.shutdown();
            throw e;
        }
        address = "127.0.0.1:" + controller.listenPort();
        client.start();
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return call(client, request);
    }

    RemotingCommand call(NettyRemotingClient via, RemotingCommand request) throws Exception {
        return via.invokeSync(address, request, TIMEOUT_MILLIS);
    }

    /** The route as a client of version 409 gets it, or {@code null} when the answer is not SUCCESS. */
    TopicRouteData route(String topic) throws Exception {
        RemotingCommand response = call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoRequestHeader(topic)));
        return response.code() == 0 ? BodyJson.decode(response.body(), TopicRouteData.class) : null;
    }

    static RemotingCommand registerRequest(String cluster, String name, long id, String addr, long version,
            boolean compressed, TopicConfig... topics) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig topic : topics) {
            table.put(topic.getTopicName(), topic);
        }
        RegisterBrokerBody body = new RegisterBrokerBody(new TopicConfigSerializeWrapper(table,
                new DataVersion(version, 1_000 + version)), List.of());
        byte[] bytes = RegisterBrokerBodyCodec.encode(body, compressed);
        String haAddr = addr.substring(0, addr.indexOf(':')) + ":10912";
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader(cluster, name, id, addr, haAddr)
                .body(compressed, RegisterBrokerBodyCodec.crc32(bytes));
        return RemotingCommand.request(RequestCode.REGISTER_BROKER, header).body(bytes);
    }

    static TopicConfig topic(String name, int queues) {
        return TopicConfig.withDefaults(name).withQueueNums(queues, queues);
    }

    @Override
    public void close() {
        client.shutdown();
        controller.shutdown();
    }
}
