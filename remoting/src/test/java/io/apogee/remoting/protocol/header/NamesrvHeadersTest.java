package io.apogee.remoting.protocol.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.PutKvConfigRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.RegisterBrokerResponseHeader;
import io.apogee.remoting.protocol.header.namesrv.UnregisterBrokerRequestHeader;
import io.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerResponseHeader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamesrvHeadersTest {

    @Test
    void registerBrokerHeaderHasTheCapturedKeys() throws Exception {
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader("ProtoCluster", "proto-broker-a", 0,
                "127.0.0.1:20911", "127.0.0.1:20912").body(false, 1931618037);
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER, header);
        assertEquals(Map.of("brokerId", "0", "bodyCrc32", "1931618037", "clusterName", "ProtoCluster", "brokerAddr",
                "127.0.0.1:20911", "haServerAddr", "127.0.0.1:20912", "compressed", "false", "brokerName",
                "proto-broker-a"), request.extFields());
        RegisterBrokerRequestHeader back = request.decodeHeader(RegisterBrokerRequestHeader.class);
        assertEquals(0, back.brokerId());
        assertEquals(1931618037, back.bodyCrc32());
        assertFalse(back.compressed());
    }

    @Test
    void registerBrokerWithoutCrcOrCompressionKeysDecodes() throws Exception {
        Map<String, String> ext = new HashMap<>(Map.of("brokerId", "1", "clusterName", "C", "brokerAddr", "a:1",
                "haServerAddr", "a:2", "brokerName", "b"));
        RegisterBrokerRequestHeader header = RemotingCommand.request(RequestCode.REGISTER_BROKER, null)
                .extFields(ext).decodeHeader(RegisterBrokerRequestHeader.class);
        assertEquals(0, header.bodyCrc32());
        assertEquals(1, header.brokerId());
    }

    @Test
    void missingRequiredKeysAreNamed() {
        RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_BROKER, null)
                .extFields(new HashMap<>(Map.of("brokerName", "b", "brokerAddr", "a:1", "clusterName", "C")));
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
                () -> request.decodeHeader(UnregisterBrokerRequestHeader.class));
        assertEquals("the custom field <brokerId> is null", e.getMessage());
        RemotingCommandException value = assertThrows(RemotingCommandException.class,
                () -> RemotingCommand.request(RequestCode.PUT_KV_CONFIG, null)
                        .extFields(new HashMap<>(Map.of("namespace", "n", "key", "k")))
                        .decodeHeader(PutKvConfigRequestHeader.class));
        assertEquals("the custom field <value> is null", value.getMessage());
    }

    @Test
    void optionalKeysStayOptional() throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV,
                new DeleteTopicFromNamesrvRequestHeader("T", null));
        assertEquals(Map.of("topic", "T"), request.extFields());
        assertEquals(null, request.decodeHeader(DeleteTopicFromNamesrvRequestHeader.class).clusterName());
        GetRouteInfoRequestHeader route = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoRequestHeader("T").acceptStandardJsonOnly(true))
                .decodeHeader(GetRouteInfoRequestHeader.class);
        assertTrue(route.acceptStandardJsonOnly());
    }

    @Test
    void responseHeadersOmitAbsentAddresses() {
        assertEquals(Map.of(), RemotingCommand.response(new RegisterBrokerResponseHeader(null, null)).extFields());
        assertEquals(Map.of("masterAddr", "m:1", "haServerAddr", "m:2"),
                RemotingCommand.response(new RegisterBrokerResponseHeader("m:1", "m:2")).extFields());
        assertEquals(Map.of("wipeTopicCount", "18"),
                RemotingCommand.response(new WipeWritePermOfBrokerResponseHeader(18)).extFields());
    }
}
