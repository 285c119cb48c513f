package io.apogee.namesrv;

import static io.apogee.namesrv.NamesrvFixture.registerRequest;
import static io.apogee.namesrv.NamesrvFixture.topic;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apogee.remoting.RpcHook;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hook on the NameServer sees each request once before and once after, whatever the answer. */
class NamesrvRpcHookTest {

    @TempDir
    Path home;

    /** "before code" / "after code responseCode responseOpaque" per request opaque. */
    private final Map<Integer, List<String>> calls = new ConcurrentHashMap<>();

    private final RpcHook hook = new RpcHook() {
        @Override
        public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
            calls(request.opaque()).add("before " + request.code());
        }

        @Override
        public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
            calls(request.opaque()).add("after " + request.code() + " " + response.code() + " " + response.opaque());
        }
    };

    private List<String> calls(int opaque) {
        return calls.computeIfAbsent(opaque, k -> new CopyOnWriteArrayList<>());
    }

    @Test
    void everyRequestPassesTheHookOnceEachWay() throws Exception {
        try (NamesrvFixture ns = new NamesrvFixture(home)) {
            ns.controller.registerRpcHook(hook);
            expectPair(ns, registerRequest("C", "b1", 0, "127.0.0.1:10911", 1, false, topic("T", 4)),
                    ResponseCode.SUCCESS);
            expectPair(ns, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                    new GetRouteInfoRequestHeader("T")), ResponseCode.SUCCESS);
            expectPair(ns, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                    new GetRouteInfoRequestHeader("Missing")), ResponseCode.TOPIC_NOT_EXIST);
            expectPair(ns, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, null),
                    ResponseCode.SYSTEM_ERROR);
            expectPair(ns, RemotingCommand.request(9999, null), ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
            assertEquals(5, calls.size());
        }
    }

    private void expectPair(NamesrvFixture ns, RemotingCommand request, int code) throws Exception {
        assertEquals(code, ns.call(request).code());
        int opaque = request.opaque();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls(opaque).size() >= 2);
        assertEquals(List.of("before " + request.code(), "after " + request.code() + " " + code + " " + opaque),
                calls(opaque));
    }
}
