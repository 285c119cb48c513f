package io.apogee.namesrv;

import static io.apogee.namesrv.NamesrvFixture.registerRequest;
import static io.apogee.namesrv.NamesrvFixture.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.body.RegisterBrokerBodyCodec;
import io.apogee.remoting.protocol.header.namesrv.QueryDataVersionRequestHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed requests get an error response with a readable remark, and the NameServer carries on. */
class BadRequestTest {

    @TempDir
    Path home;
    private NamesrvFixture ns;

    @BeforeEach
    void start() throws Exception {
        ns = new NamesrvFixture(home);
    }

    @AfterEach
    void stop() throws Exception {
        // Whatever came before, the NameServer still serves.
        assertEquals(ResponseCode.SUCCESS, ns.call(registerRequest("C", "ok", 0, "ok:10911", 1, false,
                topic("Fine", 1))).code());
        assertNotNull(ns.route("Fine"));
        ns.close();
    }

    @Test
    void missingHeaderFieldIsNamed() throws Exception {
        RemotingCommand request = registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 1));
        request.extFields().remove("brokerAddr");
        assertError(ResponseCode.SYSTEM_ERROR, "the custom field <brokerAddr> is null", ns.call(request));
        assertError(ResponseCode.SYSTEM_ERROR, "the custom field <topic> is null",
                ns.call(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, null)));
    }

    @Test
    void unparsableHeaderValueIsNamed() throws Exception {
        RemotingCommand request = registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 1));
        request.extFields().put("brokerId", "zero");
        assertError(ResponseCode.SYSTEM_ERROR, "the custom field <brokerId> has an invalid value: zero",
                ns.call(request));
    }

    @Test
    void wrongCrcIsRefused() throws Exception {
        RemotingCommand request = registerRequest("C", "b1", 0, "a:10911", 1, false, topic("T", 1));
        request.extFields().put("bodyCrc32", "12345");
        assertError(ResponseCode.SYSTEM_ERROR, "crc32 not match", ns.call(request));
        assertEquals(null, ns.route("T"));
    }

    @Test
    void corruptBodiesAreRefused() throws Exception {
        byte[] garbage = "{\"topicConfigSerializeWrapper\":".getBytes(StandardCharsets.UTF_8);
        RemotingCommand json = registerRequest("C", "b1", 0, "a:10911", 1, false);
        json.body(garbage).extFields().put("bodyCrc32", String.valueOf(RegisterBrokerBodyCodec.crc32(garbage)));
        assertError(ResponseCode.SYSTEM_ERROR, "invalid RegisterBrokerBody body", ns.call(json));

        RemotingCommand compressed = registerRequest("C", "b1", 0, "a:10911", 1, true);
        compressed.body(garbage).extFields().put("bodyCrc32", "0");
        assertError(ResponseCode.SYSTEM_ERROR, "invalid compressed RegisterBrokerBody body", ns.call(compressed));

        RemotingCommand noVersion = RemotingCommand.request(RequestCode.QUERY_DATA_VERSION,
                new QueryDataVersionRequestHeader("C", "b1", 0, "a:10911"));
        assertError(ResponseCode.SYSTEM_ERROR, "the request has no DataVersion body", ns.call(noVersion));
    }

    @Test
    void unknownCodesAreNotSupported() throws Exception {
        assertError(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, " request type 9999 not supported",
                ns.call(RemotingCommand.request(9999, null)));
    }

    @Test
    void badConfigUpdatesChangeNothing() throws Exception {
        assertError(ResponseCode.NO_PERMISSION, "Can not update config in black list",
                ns.call(configUpdate("kvConfigPath=/tmp/elsewhere")));
        assertError(ResponseCode.SYSTEM_ERROR, "config key 'noSuchKey': unknown config key",
                ns.call(configUpdate("noSuchKey=1")));
        assertError(ResponseCode.SYSTEM_ERROR, "config key 'brokerChannelExpiredTime'",
                ns.call(configUpdate("orderMessageEnable=true\nbrokerChannelExpiredTime=-1")));
        assertError(ResponseCode.SYSTEM_ERROR, "not properties text",
                ns.call(configUpdate("orderMessageEnable=\\u00zz")));
        assertEquals(false, ns.controller.configs().namesrv().orderMessageEnable());
        assertEquals(120_000, ns.controller.configs().namesrv().brokerChannelExpiredTime());
    }

    private static RemotingCommand configUpdate(String text) {
        return RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG, null)
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(int code, String remarkPart, RemotingCommand response) {
        assertEquals(code, response.code(), response.toString());
        assertTrue(response.remark() != null && response.remark().contains(remarkPart), response.remark());
    }

    @Test
    void kvRequestsWithoutKeysAreRefused() throws Exception {
        RemotingCommand put = RemotingCommand.request(RequestCode.PUT_KV_CONFIG, null);
        put.extFields(new HashMap<>(Map.of("namespace", "ns", "value", "v")));
        assertError(ResponseCode.SYSTEM_ERROR, "the custom field <key> is null", ns.call(put));
    }
}
