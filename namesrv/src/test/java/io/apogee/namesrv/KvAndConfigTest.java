package io.apogee.namesrv;

import static io.apogee.namesrv.NamesrvFixture.registerRequest;
import static io.apogee.namesrv.NamesrvFixture.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.BodyJson;
import io.apogee.remoting.protocol.body.KvTable;
import io.apogee.remoting.protocol.header.namesrv.DeleteKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvConfigResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.GetKvListByNamespaceRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.PutKvConfigRequestHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KV config and NameServer config over the wire. */
class KvAndConfigTest {

    @TempDir
    Path home;

    @Test
    void kvConfigSurvivesARestart() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home)) {
            assertEquals(ResponseCode.SUCCESS, ns.call(put("ns", "k", "v")).code());
            assertEquals(ResponseCode.SUCCESS, ns.call(put("ns", "k2", "v2")).code());
            assertEquals(ResponseCode.SUCCESS, ns.call(RemotingCommand.request(RequestCode.DELETE_KV_CONFIG,
                    new DeleteKvConfigRequestHeader("ns", "k2"))).code());
        }
        try (NamesrvFixture restarted = new NamesrvFixture(home)) {
            RemotingCommand got = restarted.call(get("ns", "k"));
            assertEquals("v", got.decodeHeader(GetKvConfigResponseHeader.class).value());
            RemotingCommand missing = restarted.call(get("ns", "k2"));
            assertEquals(ResponseCode.QUERY_NOT_FOUND, missing.code());
            assertEquals("No config item, Namespace: ns Key: k2", missing.remark());
            RemotingCommand list = restarted.call(RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE,
                    new GetKvListByNamespaceRequestHeader("ns")));
            assertEquals(new KvTable(Map.of("k", "v")), BodyJson.decode(list.body(), KvTable.class));
            assertEquals(ResponseCode.QUERY_NOT_FOUND, restarted.call(RemotingCommand.request(
                    RequestCode.GET_KVLIST_BY_NAMESPACE, new GetKvListByNamespaceRequestHeader("none"))).code());
        }
    }

    @Test
    void orderTopicConfigReachesBrokersAndRoutes() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home)) {
            ns.call(put("ORDER_TOPIC_CONFIG", "T", "b1:2"));
            RemotingCommand registered = ns.call(registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 2)));
            assertEquals(new KvTable(Map.of("T", "b1:2")), BodyJson.decode(registered.body(), KvTable.class));
            assertEquals(null, ns.route("T").orderTopicConf(), "orderMessageEnable is off by default");

            ns.call(configUpdate("orderMessageEnable=true"));
            assertEquals("b1:2", ns.route("T").orderTopicConf());
        }
    }

    @Test
    void configIsReadAndUpdatedAndPersisted() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home)) {
            String before = text(ns.call(RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG, null)));
            assertTrue(before.contains("orderMessageEnable=false\n"), before);
            assertTrue(before.contains("serverWorkerThreads=8\n"), before);

            assertEquals(ResponseCode.SUCCESS, ns.call(configUpdate(
                    "productEnvName=test\nserverWorkerThreads=4\ntlsServerKeyStorePassword=secret")).code());
            String after = text(ns.call(RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG, null)));
            assertTrue(after.contains("productEnvName=test\n"), after);
            assertTrue(after.contains("serverWorkerThreads=4\n"), after);
            assertTrue(after.contains("tlsServerKeyStorePassword=******\n"), "passwords are not served: " + after);
            String persisted = Files.readString(home.resolve("namesrv.properties"));
            assertEquals(after.replace("=******", "=secret"), persisted);
        }
    }

    @Test
    void topicEditsOverTheWire() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home)) {
            ns.call(registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 2), topic("U", 2)));
            RemotingCommand wiped = ns.call(RemotingCommand.request(RequestCode.WIPE_WRITE_PERM_OF_BROKER,
                    new io.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader("b1")));
            assertEquals("2", wiped.extFields().get("wipeTopicCount"));
            assertEquals(4, ns.route("T").queueDatas().get(0).perm());
            RemotingCommand added = ns.call(RemotingCommand.request(RequestCode.ADD_WRITE_PERM_OF_BROKER,
                    new io.apogee.remoting.protocol.header.namesrv.AddWritePermOfBrokerRequestHeader("b1")));
            assertEquals("2", added.extFields().get("addTopicCount"));
            assertEquals(6, ns.route("T").queueDatas().get(0).perm());

            ns.call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV,
                    new io.apogee.remoting.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader("T", "C")));
            assertEquals(null, ns.route("T"));
            String topics = text(ns.call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
                    null)));
            assertEquals("{\"topicList\":[\"U\"]}", topics);
            String byCluster = text(ns.call(RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER,
                    new io.apogee.remoting.protocol.header.namesrv.GetTopicsByClusterRequestHeader("C"))));
            assertEquals("{\"topicList\":[\"U\"]}", byCluster);
            String system = text(ns.call(RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, null)));
            assertEquals("{\"brokerAddr\":\"a:10911\",\"topicList\":[\"C\",\"b1\"]}", system);
            String unit = text(ns.call(RemotingCommand.request(RequestCode.GET_UNIT_TOPIC_LIST, null)));
            assertEquals("{\"topicList\":[]}", unit);
        }
    }

    private static RemotingCommand put(String namespace, String key, String value) {
        return RemotingCommand.request(RequestCode.PUT_KV_CONFIG, new PutKvConfigRequestHeader(namespace, key, value));
    }

    private static RemotingCommand get(String namespace, String key) {
        return RemotingCommand.request(RequestCode.GET_KV_CONFIG, new GetKvConfigRequestHeader(namespace, key));
    }

    private static RemotingCommand configUpdate(String text) {
        return RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG, null)
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(RemotingCommand response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
